package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file's record count, told from its bytes, is what the readers yield. */
class FileCountTest {
    @TempDir
    Path dir;

    @Test
    void csvCountsRecordsNotLinesOrHeader() throws Exception {
        assertCsv("", 0);
        assertCsv("a,b", 0);
        assertCsv("a,b\n", 0);
        assertCsv("a,b\n1,2", 1);
        assertCsv("\uFEFF\"a\",b\r\n1,2\r\n", 1);
        // line breaks, commas and doubled quotes inside quotes; blank lines (LF, CRLF) skipped
        assertCsv("a,b\n\"x\ny\",\"1,2\"\n\n\r\n\"he said \"\"hi\nthere\"\"\",3\n4,\"\"\n", 3);
        // a quote inside an unquoted field is data, and opens nothing
        assertCsv("a,b\nab\"c,1\n2,3\n", 2);
        // a field of spaces is a record
        assertCsv("a\n  \n1\n", 2);
    }

    @Test
    void jsonLinesCountsTheLinesThatAreNotBlank() throws Exception {
        assertCount(FileFormat.JSON_LINES, "r.jsonl", "", 0);
        assertCount(FileFormat.JSON_LINES, "r.jsonl", "{\"a\":1}", 1);
        assertCount(FileFormat.JSON_LINES, "r.jsonl", "{\"a\":1}\r\n \t\n\n{\"a\":\"x\\ny\"}\n", 2);
    }

    @Test
    void randomCsvFilesCountAsTheirRecordsRead() throws Exception {
        Random random = new Random(42);
        String[] pieces = {"x", "12", " ", ",", "\"", "\n", "\r\n", "é"};
        for (int file = 0; file < 300; file++) {
            StringBuilder csv = new StringBuilder(random.nextBoolean() ? "\uFEFF" : "").append("a,b,c");
            int records = random.nextInt(6);
            for (int r = 0; r < records; r++) {
                csv.append(random.nextBoolean() ? "\r\n" : "\n");
                if (random.nextInt(4) == 0) {
                    csv.append(random.nextBoolean() ? "\n" : "\r\n"); // a blank line
                }
                for (int f = 0; f < 3; f++) {
                    StringBuilder v = new StringBuilder();
                    for (int k = random.nextInt(4); k > 0; k--) {
                        v.append(pieces[random.nextInt(pieces.length)]);
                    }
                    String text = v.toString();
                    boolean quote = text.matches("(?s).*[,\"\r\n].*") || text.isEmpty() && random.nextBoolean();
                    csv.append(f > 0 ? "," : "").append(quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text);
                }
            }
            if (random.nextBoolean()) {
                csv.append('\n');
            }
            Path f = Files.writeString(dir.resolve("random.csv"), csv, StandardCharsets.UTF_8);
            assertThat(FileFormat.CSV.count(f)).as(csv.toString()).isEqualTo(read(FileFormat.CSV, f));
        }
    }

    private void assertCsv(String text, long records) throws Exception {
        assertCount(FileFormat.CSV, "r.csv", text, records);
    }

    private void assertCount(FileFormat format, String name, String text, long records) throws Exception {
        Path f = Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        assertThat(read(format, f)).as("what the reader yields: " + text).isEqualTo(records);
        assertThat(format.count(f)).as(text).isEqualTo(records);
    }

    private static long read(FileFormat format, Path f) {
        long n = 0;
        for (Iterator<Map<String, Object>> it = format.open(f, false); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }

}
