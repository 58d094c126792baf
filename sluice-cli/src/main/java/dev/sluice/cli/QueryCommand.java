package dev.sluice.cli;

import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.PageBytes;
import dev.sluice.dataverse.Query;
import dev.sluice.dataverse.Row;
import dev.sluice.dataverse.TableMetadata;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice query NAME TABLE …}: streams rows page by page in constant memory. */
@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Query a table; rows stream page by page (constant memory, any row count).",
        footer = {"", "Examples:",
            "  sluice query contoso account --select name,revenue --top 10",
            "  sluice query contoso account --filter \"startswith(name,'Contoso')\" --order-by \"revenue desc\"",
            "  sluice query contoso contact --format jsonl > contacts.jsonl",
            "  sluice query contoso account --select accountnumber,name --format csv",
            "  sluice query contoso account --select name,industrycode -o csv --labels   # + industrycode@label",
            "  sluice query contoso --fetchxml open-deals.xml --format csv",
            "  cat joins.xml | sluice query contoso --fetchxml - --format jsonl"})
final class QueryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The connection.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TABLE",
            description = "Logical name (account) or entity set (accounts); not needed with --fetchxml.")
    String table;

    @Option(names = "--fetchxml", paramLabel = "FILE|-", description = "Run a FetchXML query from FILE (or - for "
            + "standard input) instead of --select/--filter/--order-by; link-entity columns show as alias.column.")
    String fetchXml;

    @Option(names = "--select", split = ",", paramLabel = "COLUMN", description = "Columns to return (default: all).")
    List<String> select = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "EXPR", description = "An OData $filter, e.g. \"revenue gt 1000\".")
    String filter;

    @Option(names = "--order-by", split = ",", paramLabel = "COLUMN [asc|desc]", description = "Sort order.")
    List<String> orderBy = new ArrayList<>();

    @Option(names = "--top", paramLabel = "N", description = "At most N rows.")
    Integer top;

    @Option(names = {"-o", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json, jsonl or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--labels", negatable = true, description = "Choice labels: '33 (Consulting)' in a table (the "
            + "default there); a COLUMN@label column after each choice column in csv, json and jsonl.")
    Boolean labels;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RowFormat f = Options.format(spec, format);
        if (top != null && top < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must be at least 1, got " + top);
        }
        if (fetchXml != null) {
            if (!select.isEmpty() || filter != null || !orderBy.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--fetchxml cannot be combined with "
                        + "--select, --filter or --order-by: say them in the FetchXML");
            }
            return FetchXmlQuery.run(spec, name, table, fetchXml, f, top);
        }
        if (table == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'TABLE' (or "
                    + "give --fetchxml FILE)");
        }
        TlsWarmUp.start(); // while the store opens
        try (Engine engine = Engine.of(spec)) {
            if (engine.isBusinessCentral(name)) {
                try (var rows = BusinessCentralCommands.query(engine, name, table, select, filter, orderBy, top);
                        RowSink sink = f.open(spec.commandLine().getOut(), select, engine.environment())) {
                    for (var it = rows.iterator(); it.hasNext();) {
                        sink.write(it.next());
                    }
                }
                return 0;
            }
            DataverseClient client = engine.client(name);
            TableMetadata m = Tables.metadata(client, table);
            Tables.requireColumns(m, select);
            Tables.requireColumns(m, orderBy.stream().map(o -> o.trim().split("\\s+")[0]).toList());
            Query q = Options.query(spec, m.logicalName(), select, filter, orderBy);
            ChoiceLabels choices = new ChoiceLabels(m, f == RowFormat.TABLE);
            if ((labels != null ? labels : f == RowFormat.TABLE) && choices.any(select)) {
                q = q.withFormattedValues();
            } else {
                choices = null;
            }
            PrintWriter out = spec.commandLine().getOut();
            if (choices == null && !select.isEmpty() && (f == RowFormat.JSONL || f == RowFormat.CSV)) {
                return copyPages(client, q, f, out);
            }
            try (RowSink sink = f.open(out, choices == null ? select : choices.columns(select), engine.environment())) {
                long written = 0;
                // Dataverse ignores $top when odata.maxpagesize is sent (fact sheet C.1), and the client pages
                // with maxpagesize, so the limit is applied here: no page after the one holding the N-th row.
                for (Row row : client.query(q)) {
                    if (top != null && written >= top) {
                        break;
                    }
                    sink.write(choices == null ? row : choices.apply(row));
                    written++;
                }
            }
            return 0;
        }
    }

    /**
     * JSON lines and CSV of chosen columns: the pages' bytes copied through ({@link PageRowWriter}), the same output
     * as the sinks' without building each row and writing it again.
     */
    private int copyPages(DataverseClient client, Query q, RowFormat f, PrintWriter out) throws java.io.IOException {
        java.io.OutputStream bytes = StandardOutput.bytes(out);
        ByteOut buffer = bytes != null ? ByteOut.to(bytes) : ByteOut.to(out);
        try {
            PageRowWriter writer = new PageRowWriter(f, select, buffer);
            if (f == RowFormat.CSV) {
                writer.header();
            }
            long written = 0;
            // Dataverse ignores $top when odata.maxpagesize is sent (fact sheet C.1): the limit is applied here
            for (Iterator<PageBytes> pages = client.query(q).pages(select); pages.hasNext()
                    && (top == null || written < top);) {
                PageBytes page = pages.next();
                int n = top == null ? page.size() : (int) Math.min(page.size(), top - written);
                writer.write(page, 0, n);
                written += n;
            }
        } finally {
            buffer.flush();
        }
        return 0;
    }
}
