package dev.sluice.bench.macro;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Input files of {@link ContactRecords} for the user-path write figures: CSV (for {@code sluice import}) and JSON
 * lines (for the server's import endpoint), the same records under a prefix of the caller's. Stateless.
 */
final class ContactFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContactFiles() {}

    /** {@code dir/PREFIX.csv}: a header and {@code rows} contacts. */
    static Path csv(Path dir, String prefix, int rows) throws IOException {
        Path file = dir.resolve(prefix + ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("emailaddress1,firstname,lastname,jobtitle,telephone1,address1_city\n");
            for (int i = 0; i < rows; i++) {
                Map<String, Object> r = ContactRecords.record(prefix, i);
                w.write(String.join(",", r.values().stream().map(Object::toString).toList()));
                w.write('\n');
            }
        }
        return file;
    }

    /** {@code dir/PREFIX.jsonl}: {@code rows} contacts, one JSON object a line. */
    static Path jsonLines(Path dir, String prefix, int rows) throws IOException {
        Path file = dir.resolve(prefix + ".jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < rows; i++) {
                w.write(JSON.writeValueAsString(ContactRecords.record(prefix, i)));
                w.write('\n');
            }
        }
        return file;
    }
}
