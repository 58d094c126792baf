package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.dataverse.PageBytes;
import dev.sluice.dataverse.Row;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageRowWriterTest {
    private static final List<String> COLUMNS = List.of("name", "n", "absent", "flag");

    private static final String[] VALUES = {
        "\"plain\"", "\"São Paulo ✓ 😀 中文\"", "\"a/b\"", "\"a,b\"", "\"say \\\"hi\\\"\"", "\"\"", "\" lead \"",
        "\"#hash\"", "\"back \\\\ \\/ slash\"", "\"line\\nbreak\\r\\t\"", "\"\\u00e9\\ud83d\\ude00\"", "\"\\u0001\"",
        "\"\\ud83d alone\"", "\"x\u007fy\"", "0", "-0", "7", "-12", "123456789012345678", "1234567890123456789",
        "1.5", "-2.25", "0.5", "-0.0", "0.0000001", "1e5", "1.5E-3", "100.000", "true", "false", "null"};

    private static byte[] page(boolean nested) {
        StringBuilder b = new StringBuilder("{\"@odata.context\":\"c\",\"value\":[");
        for (int i = 0; i < VALUES.length; i++) {
            String v = VALUES[i];
            b.append(i == 0 ? "" : ",").append("{\"@odata.etag\":\"W/\\\"1\\\"\",\"name\":").append(v)
                    .append(",\"n\":").append(v).append(",\"flag\":").append(nested && i == 3 ? "[1]" : v).append('}');
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What the sinks write for the same rows (the values as a Row holds them), as it reaches a file or terminal:
     * encoded as UTF-8 (an unpaired surrogate becomes {@code ?} there, as the JDK's encoder writes it).
     */
    private static String sinks(RowFormat format, PageBytes p) throws Exception {
        StringWriter out = new StringWriter();
        try (RowSink sink = format.open(out, COLUMNS, null)) {
            for (int r = 0; r < p.size(); r++) {
                if (p.rows() != null) {
                    sink.write(p.rows().get(r));
                } else {
                    Map<String, Object> v = new LinkedHashMap<>();
                    for (int c = 0; c < COLUMNS.size(); c++) {
                        if (p.kind(r, c) != PageBytes.MISSING) {
                            v.put(COLUMNS.get(c), p.value(r, c));
                        }
                    }
                    sink.write(new Row(v, Map.of()));
                }
            }
        }
        return new String(out.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static String copied(RowFormat format, PageBytes p) throws Exception {
        StringWriter text = new StringWriter();
        ByteOut toText = ByteOut.to(text);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteOut toBytes = ByteOut.to(bytes);
        for (ByteOut out : List.of(toText, toBytes)) {
            PageRowWriter w = new PageRowWriter(format, COLUMNS, out);
            if (format == RowFormat.CSV) {
                w.header();
            }
            w.write(p, 0, 5);
            w.write(p, 5, p.size());
            out.flush();
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(text.toString());
        return text.toString();
    }

    @Test
    void jsonLinesAreByteForByteWhatTheJsonSinkWrites() throws Exception {
        PageBytes p = PageBytes.scan(page(false), COLUMNS);
        assertThat(p.rows()).isNull();
        assertThat(copied(RowFormat.JSONL, p)).isEqualTo(sinks(RowFormat.JSONL, p));
    }

    @Test
    void csvIsByteForByteWhatTheCsvSinkWrites() throws Exception {
        PageBytes p = PageBytes.scan(page(false), COLUMNS);
        assertThat(copied(RowFormat.CSV, p)).isEqualTo(sinks(RowFormat.CSV, p));
    }

    @Test
    void aPageReadAsRowsIsWrittenByTheSinksWriters() throws Exception {
        PageBytes p = PageBytes.scan(page(true), COLUMNS);
        assertThat(p.rows()).isNotNull();
        assertThat(copied(RowFormat.JSONL, p)).isEqualTo(sinks(RowFormat.JSONL, p));
        assertThat(copied(RowFormat.CSV, p)).isEqualTo(sinks(RowFormat.CSV, p));
    }

    @Test
    void copiedTextKeepsItsBytesAndAMissingColumnIsNull() throws Exception {
        PageBytes p = PageBytes.scan(page(false), COLUMNS);
        assertThat(copied(RowFormat.JSONL, p).lines().toList().get(1))
                .isEqualTo("{\"name\":\"São Paulo ✓ 😀 中文\",\"n\":\"São Paulo ✓ 😀 中文\",\"absent\":null,"
                        + "\"flag\":\"São Paulo ✓ 😀 中文\"}");
    }
}
