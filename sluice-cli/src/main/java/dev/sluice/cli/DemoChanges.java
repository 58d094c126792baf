package dev.sluice.cli;

import dev.sluice.flow.CsvRecordReader;
import dev.sluice.flow.CsvRecordWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes the CSV the demo imports from its export: the first rows with a new phone number, plus new accounts.
 * Stateless.
 */
final class DemoChanges {
    private DemoChanges() {}

    /** What was written: the row count and the first changed account number. */
    record Written(int rows, String firstChanged) {}

    /** Writes {@code changed} changed and {@code added} new rows to {@code target}. */
    static Written write(Path export, Path target, int changed, int added) throws IOException {
        int rows = 0;
        String first = null;
        try (Reader r = Files.newBufferedReader(export, StandardCharsets.UTF_8);
                CsvRecordReader csv = new CsvRecordReader(r, export.toString());
                Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            List<String> header = csv.next();
            int number = header.indexOf("accountnumber");
            int name = header.indexOf("name");
            CsvRecordWriter out = new CsvRecordWriter(w);
            out.write(List.of("accountnumber", "name", "telephone1"));
            List<String> row;
            while (rows < changed && (row = csv.next()) != null) {
                rows++;
                first = first == null ? row.get(number) : first;
                out.write(List.of(row.get(number), row.get(name), "+1-555-0100-" + rows));
            }
            for (int i = 1; i <= added; i++) {
                out.write(List.of("DEMO-" + String.format("%04d", i), "Sluice Demo Account " + i, "+1-555-0199-" + i));
                rows++;
            }
            out.flush();
        }
        return new Written(rows, first);
    }
}
