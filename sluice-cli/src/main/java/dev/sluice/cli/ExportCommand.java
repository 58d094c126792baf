package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.AttributeType;
import dev.sluice.dataverse.Change;
import dev.sluice.dataverse.ChangeTrackingOptions;
import dev.sluice.dataverse.Changes;
import dev.sluice.dataverse.ColumnMetadata;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.PageBytes;
import dev.sluice.dataverse.Query;
import dev.sluice.dataverse.Row;
import dev.sluice.dataverse.RowStream;
import dev.sluice.dataverse.TableMetadata;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice export NAME TABLE --to FILE}: writes a table to CSV or JSON lines, atomically (into
 * {@code FILE.part}, renamed when complete). Rows are read in primary-id order and a checkpoint is kept in
 * {@code FILE.sluice-export.json}, so an interrupted export continues after the last row written when run
 * again. {@code --incremental} uses change tracking: the first run writes everything, later runs only what
 * changed since (the delta token stays in the state file); a delta never replaces one that may not have been
 * read: each goes to a new file ({@code {n}} or {@code {timestamp}} in the name), to the end of the file
 * ({@code --append}), or the run refuses while the file is there ({@link DeltaTarget}).
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Export a table to CSV or JSON lines; resumes when interrupted; --incremental for changes only.",
        footer = {"", "Examples:",
            "  sluice export contoso account --to accounts.csv",
            "  sluice export contoso contact --to contacts.jsonl --filter \"statecode eq 0\"",
            "  sluice export contoso account --to 'changes-{n}.csv' --incremental",
            "  sluice export contoso account --to 'changes-{timestamp}.jsonl' --incremental",
            "  sluice export contoso account --to changes.csv --incremental --append",
            "  sluice export contoso --to deals-with-accounts.csv --fetchxml deals.xml",
            "", "State: FILE.sluice-export.json next to the target holds the checkpoint of an unfinished export",
            "(deleted when it finishes) or the delta token of --incremental (kept). --restart ignores it.",
            "A delta never overwrites an earlier one: with {n} (1, 2, ...) or {timestamp}",
            "(20240501T101500Z, UTC) in the name each run writes a new file; --append adds",
            "it to the end of the file; with a plain name the run refuses while the last",
            "delta is still there (move or delete it once it is read)."})
final class ExportCommand implements Callable<Integer> {
    /** Rows between checkpoints: at most this many rows are read again after an interruption. */
    static final int CHECKPOINT_ROWS = 1000;
    /** Dataverse caps {@code @odata.count} at 5000 (fact sheet C.5): a count of 5000 means "at least". */
    static final long COUNT_CAP = 5000;
    /** Column types that hold no plain value to export. */
    private static final Set<AttributeType> NOT_EXPORTED = EnumSet.of(AttributeType.VIRTUAL, AttributeType.PARTYLIST,
            AttributeType.CALENDAR_RULES, AttributeType.MANAGED_PROPERTY, AttributeType.ENTITY_NAME, AttributeType.OTHER);
    /** CSV column that marks rows deleted since the last incremental run. */
    static final String DELETED_COLUMN = "sluice_deleted";

    @Parameters(index = "0", paramLabel = "NAME", description = "The connection.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TABLE",
            description = "Logical name (account) or entity set (accounts); not needed with --fetchxml.")
    String table;

    @Option(names = "--fetchxml", paramLabel = "FILE|-", description = "Export the rows of a FetchXML query (joins, "
            + "aggregates) instead of a table; written atomically, not resumed.")
    String fetchXml;

    @Option(names = "--to", required = true, paramLabel = "FILE", description = "Target file: .csv or .jsonl.")
    Path to;

    @Option(names = "--select", split = ",", paramLabel = "COLUMN", description = "Columns (default: every column).")
    List<String> select = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "EXPR", description = "An OData $filter.")
    String filter;

    @Option(names = "--incremental", description = "Only rows changed (and deleted) since the last incremental run.")
    boolean incremental;

    @Option(names = "--append", description = "With --incremental: add each delta to the end of the file.")
    boolean append;

    @Option(names = "--restart", description = "Ignore the state of an earlier, unfinished export.")
    boolean restart;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RowFormat format;
        try {
            format = RowFormat.ofFile(to.getFileName().toString());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to " + e.getMessage());
        }
        if (incremental && filter != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--incremental cannot take a --filter: change tracking returns every change of the table");
        }
        if (!incremental && (append || DeltaTarget.patterned(to))) {
            throw new CommandLine.ParameterException(spec.commandLine(), (append ? "--append" : "{n} and {timestamp} in "
                    + "--to") + " are for --incremental exports; a full export replaces its file when it is complete");
        }
        if (append && DeltaTarget.patterned(to)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--append adds each delta to one file; a --to with {n} or {timestamp} writes a new file each run");
        }
        Path target = to.toAbsolutePath();
        if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "the folder of --to " + to + " does not exist");
        }
        if (fetchXml != null) {
            if (incremental || filter != null || !select.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--fetchxml cannot be combined with "
                        + "--select, --filter or --incremental: say them in the FetchXML");
            }
            return FetchXmlExport.run(spec, name, table, fetchXml, target, format);
        }
        if (table == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'TABLE' (or "
                    + "give --fetchxml FILE)");
        }
        TlsWarmUp.start(); // while the store opens
        try (Engine engine = Engine.of(spec)) {
            if (engine.isBusinessCentral(name)) {
                BusinessCentralCommands.requireNoIncremental(incremental);
                return BusinessCentralFiles.export(engine, name, table, to, format, select, filter,
                        spec.commandLine().getOut());
            }
            DataverseClient client = engine.client(name);
            TableMetadata m = Tables.metadata(client, table);
            Tables.requireColumns(m, select);
            List<String> columns = select.isEmpty() ? defaultColumns(m) : select;
            if (incremental && !columns.contains(m.primaryIdAttribute())) {
                // deletions are reported by primary id, so an incremental export always carries it
                columns = new ArrayList<>(columns);
                columns.add(0, m.primaryIdAttribute());
            }
            ExportState state = restart ? null : ExportState.read(target);
            if (state != null && !state.sameExport(m.logicalName(), filter, columns)) {
                state = null;
            }
            Result r = incremental ? incremental(engine, client, m, columns, format, target, state)
                    : full(engine, client, m, columns, format, target, state);
            Path shown = written == null ? to : to.resolveSibling(written.getFileName());
            spec.commandLine().getOut().println("Exported " + r.rows + " rows of " + m.logicalName() + " to " + shown
                    + (r.resumedFrom > 0 ? " (resumed after " + r.resumedFrom + " rows)" : "")
                    + (r.deleted > 0 ? ", " + r.deleted + " deletions" : "") + ".");
            return 0;
        }
    }

    private record Result(long rows, long resumedFrom, long deleted) {}

    static List<String> defaultColumns(TableMetadata m) {
        List<String> cols = new ArrayList<>();
        cols.add(m.primaryIdAttribute());
        for (ColumnMetadata c : m.columns()) {
            if (c.attributeOf() == null && !NOT_EXPORTED.contains(c.type()) && !c.logicalName().equals(m.primaryIdAttribute())) {
                cols.add(c.wireName());
            }
        }
        return cols;
    }

    private Result full(Engine engine, DataverseClient client, TableMetadata m, List<String> columns, RowFormat format,
            Path target, ExportState state) throws IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        boolean resume = state != null && state.deltaToken() == null && state.lastId() != null
                && Files.isRegularFile(part) && Files.size(part) >= state.bytes();
        if (!resume) {
            state = new ExportState(m.logicalName(), filter, columns, null, 0, 0, null);
        }
        String pk = m.primaryIdAttribute();
        String f = filter == null || filter.isBlank() ? null : "(" + filter + ")";
        if (resume) {
            String after = pk + " gt " + state.lastId();
            f = f == null ? after : f + " and " + after;
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
                ch.truncate(state.bytes());
            }
        }
        // a resumed export goes without the row count: counting "after this id" would be redone for every page
        // (the count rides along in each nextLink), and it is capped at 5000 anyway
        Query q = Query.table(m.logicalName()).select(columns).orderBy(pk);
        if (!resume) {
            q = q.withCount();
        }
        q = f == null ? q : q.whereRaw(f);
        long resumedFrom = resume ? state.rows() : 0;
        long rows = resumedFrom;
        RowStream stream = client.query(q);
        Long count = stream.count();
        long total = count == null || count >= COUNT_CAP ? -1 : count + resumedFrom;
        var out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                resume ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        CountingOutputStream counted = new CountingOutputStream(out, resume ? state.bytes() : 0);
        // the pages' bytes are copied through (PageRowWriter: the same bytes as CsvRowSink/JsonRowSink would write)
        ByteOut buffer = ByteOut.to(counted);
        try (out; Progress progress = Progress.start(engine.environment(), spec.commandLine().getErr(),
                "Exporting " + m.logicalName(), total, resumedFrom);
                StateFile checkpoints = ExportState.checkpoints(target)) {
            PageRowWriter writer = new PageRowWriter(format, columns, buffer);
            if (format == RowFormat.CSV && !resume) {
                writer.header();
            }
            checkpoints.write(state);
            List<String> read = columns.contains(pk) ? columns : append(columns, pk);
            int id = read.indexOf(pk);
            for (Iterator<PageBytes> pages = stream.pages(read); pages.hasNext();) {
                PageBytes page = pages.next();
                int from = 0;
                while (from < page.size()) {
                    // up to the next checkpoint, or the page's end
                    int to = (int) Math.min(page.size(), from + CHECKPOINT_ROWS - rows % CHECKPOINT_ROWS);
                    writer.write(page, from, to);
                    rows += to - from;
                    progress.step(to - from);
                    if (rows % CHECKPOINT_ROWS == 0) {
                        buffer.flush(); // every row so far to the file
                        Object last = page.rows() != null ? page.rows().get(to - 1).get(pk) : page.value(to - 1, id);
                        state = state.progressed(String.valueOf(last), rows, counted.count());
                        checkpoints.write(state);
                    }
                    from = to;
                }
            }
            buffer.flush();
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        ExportState.delete(target);
        return new Result(rows, resumedFrom, 0);
    }

    private static List<String> append(List<String> columns, String column) {
        List<String> all = new ArrayList<>(columns);
        all.add(column);
        return all;
    }

    /** The file the last incremental run wrote, for the summary. */
    private Path written;

    private Result incremental(Engine engine, DataverseClient client, TableMetadata m, List<String> columns,
            RowFormat format, Path target, ExportState state) throws IOException {
        if (!m.changeTrackingEnabled()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "table '" + m.logicalName() + "' does not have change "
                    + "tracking enabled; export it without --incremental");
        }
        // a run killed while appending its delta: cut the file back to where that delta began
        if (append && state != null && state.appendFrom() != null && Files.isRegularFile(target)
                && Files.size(target) > state.appendFrom()) {
            try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
                ch.truncate(state.appendFrom());
            }
        }
        DeltaTarget out = DeltaTarget.next(target, state == null ? 0 : state.sequence(),
                engine.environment().clock().instant(), append);
        String token = state == null ? null : state.deltaToken();
        Changes changes = client.changes(m.logicalName(), columns, token, ChangeTrackingOptions.resyncing());
        Path part = out.file().resolveSibling(out.file().getFileName() + ".part");
        boolean header = !append || !Files.isRegularFile(out.file()) || Files.size(out.file()) == 0;
        String pk = m.primaryIdAttribute();
        List<String> columnsOut = new ArrayList<>(columns);
        if (format == RowFormat.CSV) {
            columnsOut.add(DELETED_COLUMN);
        }
        long rows = 0;
        long deleted = 0;
        try (Writer w = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
                Progress progress = Progress.start(engine.environment(), spec.commandLine().getErr(),
                        "Exporting changes of " + m.logicalName(), -1, 0)) {
            JsonRowSink json = format == RowFormat.CSV ? null : new JsonRowSink(w, columns, false);
            RowSink sink = json != null ? json : new CsvRowSink(w, columnsOut, header);
            for (Change c : changes) {
                if (c.isDeletion()) {
                    deleted++;
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put(pk, c.deletedId().toString());
                    if (format == RowFormat.CSV) {
                        v.put(DELETED_COLUMN, "true");
                        sink.write(new Row(v, Map.of()));
                    } else {
                        v.put("@removed", Map.of("reason", "deleted"));
                        json.writeValues(v);
                    }
                } else {
                    sink.write(c.row());
                    rows++;
                }
                progress.step(1);
            }
            sink.finish();
        }
        String next = changes.deltaToken();
        ExportState base = new ExportState(m.logicalName(), null, columns, null, 0, 0, token,
                state == null ? 0 : state.sequence(), null);
        if (append) {
            base.appending(Files.isRegularFile(out.file()) ? Files.size(out.file()) : 0).write(target);
            try (var o = Files.newOutputStream(out.file(), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                Files.copy(part, o);
            }
            Files.delete(part);
        } else {
            Files.move(part, out.file(), StandardCopyOption.ATOMIC_MOVE);
        }
        base.delta(next, out.sequence()).write(target);
        written = out.file();
        if (changes.resynced()) {
            spec.commandLine().getErr().println("The change-tracking token had expired: this export holds every row.");
        }
        return new Result(rows, 0, deleted);
    }
}
