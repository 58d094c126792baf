package dev.sluice.cli;

import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.FetchXml;
import dev.sluice.dataverse.Row;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code sluice query NAME --fetchxml FILE|-}: streams the rows of a FetchXML query in any output format, with the
 * columns the query names (a link-entity's as {@code alias.column}; the entity's primary key last) so that every row
 * has the same columns even where FetchXML leaves nulls out. Stateless.
 */
final class FetchXmlQuery {
    private FetchXmlQuery() {}

    static int run(CommandLine.Model.CommandSpec spec, String connection, String table, String source,
            RowFormat format, Integer top) throws Exception {
        try (Engine engine = Engine.of(spec)) {
            DataverseClient client = engine.client(connection);
            FetchXml q = FetchXmlInput.read(client, engine.environment(), source, table);
            List<String> columns = q.columns(client::metadata);
            PrintWriter out = spec.commandLine().getOut();
            try (RowSink sink = format.open(out, columns, engine.environment())) {
                long written = 0;
                for (Row row : client.fetchXml(q.text())) {
                    if (top != null && written >= top) {
                        break;
                    }
                    sink.write(row);
                    written++;
                }
            }
            return 0;
        }
    }
}
