package dev.sluice.cli;

import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.FetchXml;
import dev.sluice.dataverse.Row;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code sluice export NAME --to FILE --fetchxml QUERY}: writes the rows of a FetchXML query (joins, aggregates) to
 * CSV or JSON lines, atomically: into {@code FILE.part}, renamed when the last page is written. It does not resume:
 * running it again after an interruption writes the whole file again (a FetchXML query has no order Sluice could
 * safely continue in). Stateless.
 */
final class FetchXmlExport {
    private FetchXmlExport() {}

    static int run(CommandLine.Model.CommandSpec spec, String connection, String table, String source, Path target,
            RowFormat format) throws IOException {
        try (Engine engine = Engine.of(spec)) {
            DataverseClient client = engine.client(connection);
            FetchXml q = FetchXmlInput.read(client, engine.environment(), source, table);
            List<String> columns = q.columns(client::metadata);
            Path part = target.resolveSibling(target.getFileName() + ".part");
            long rows = 0;
            try (Writer w = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
                    Progress progress = Progress.start(engine.environment(), spec.commandLine().getErr(),
                            "Exporting " + q.entity() + " (FetchXML)", -1, 0)) {
                RowSink sink = format == RowFormat.CSV ? new CsvRowSink(w, columns, true)
                        : new JsonRowSink(w, columns, false);
                for (Row row : client.fetchXml(q.text())) {
                    sink.write(row);
                    rows++;
                    progress.step(1);
                }
                sink.finish();
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(part);
                throw e;
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            spec.commandLine().getOut().println("Exported " + rows + " rows of " + q.entity() + " (FetchXML) to "
                    + target.getFileName() + ".");
            return 0;
        }
    }
}
