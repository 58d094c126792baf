package dev.sluice.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.sluice.dataverse.PageBytes;
import dev.sluice.dataverse.Row;
import dev.sluice.flow.CsvRecordWriter;
import dev.sluice.flow.JsonRecordWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the rows of query pages ({@link PageBytes}) as JSON lines or CSV, byte for byte as {@link JsonRowSink} and
 * {@link CsvRowSink} write them, by copying the service's bytes where they read the same: a string without escapes is
 * the same bytes in a JSON string, a plain number the same digits. A row holding any other value (escaped text,
 * exponents, a CSV field that must be quoted) and a page given as rows go through sluice-flow's
 * {@link JsonRecordWriter} / {@link CsvRecordWriter}, as the sinks do. Writes no CSV header (see {@link #header}).
 * Not thread-safe.
 */
final class PageRowWriter {
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    private final boolean csv;
    private final List<String> columns;
    private final int width;
    private final ByteOut out;
    /** JSON: {@code "name":}, after a comma for every column but the first. */
    private final byte[][] names;
    private JsonRecordWriter json;
    private CsvRecordWriter csvWriter;
    private String[] cells;

    /** Writes {@code columns} (not empty) of each row in {@code format} (JSONL or CSV) to {@code out}. */
    PageRowWriter(RowFormat format, List<String> columns, ByteOut out) {
        if (format != RowFormat.JSONL && format != RowFormat.CSV) {
            throw new IllegalArgumentException("pages are written as jsonl or csv, not " + format);
        }
        this.csv = format == RowFormat.CSV;
        this.columns = List.copyOf(columns);
        this.width = columns.size();
        this.out = out;
        this.names = new byte[width][];
        JsonStringEncoder enc = JsonStringEncoder.getInstance();
        for (int c = 0; c < width; c++) {
            byte[] quoted = enc.quoteAsUTF8(columns.get(c));
            int lead = c == 0 ? 1 : 2;
            byte[] name = new byte[quoted.length + lead + 2];
            name[0] = c == 0 ? (byte) '"' : (byte) ',';
            name[1] = '"';
            System.arraycopy(quoted, 0, name, lead, quoted.length);
            name[name.length - 2] = '"';
            name[name.length - 1] = ':';
            names[c] = name;
        }
    }

    /** Writes the CSV header line (the columns), as {@link CsvRowSink} does. */
    void header() throws IOException {
        csv().write(columns);
        csvWriter.flush();
        out.rowEnd();
    }

    /** Writes rows {@code from} (inclusive) to {@code to} (exclusive) of {@code page}. */
    void write(PageBytes page, int from, int to) throws IOException {
        List<Row> rows = page.rows();
        if (rows != null) {
            for (int r = from; r < to; r++) {
                Row row = rows.get(r);
                if (csv) {
                    slowCsv(c -> row.get(columns.get(c)));
                } else {
                    slowJson(row.values());
                }
                out.rowEnd();
            }
            return;
        }
        for (int r = from; r < to; r++) {
            if (csv ? !fastCsv(page, r) : !fastJson(page, r)) {
                int row = r;
                if (csv) {
                    slowCsv(c -> page.value(row, c));
                } else {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int c = 0; c < width; c++) {
                        values.put(columns.get(c), page.value(row, c));
                    }
                    slowJson(values);
                }
            }
            out.rowEnd();
        }
    }

    private boolean fastJson(PageBytes page, int r) {
        for (int c = 0; c < width; c++) {
            if (page.kind(r, c) == PageBytes.DECODED) {
                return false;
            }
        }
        byte[] b = page.bytes();
        out.write((byte) '{');
        for (int c = 0; c < width; c++) {
            out.write(names[c]);
            switch (page.kind(r, c)) {
                case PageBytes.TEXT -> {
                    out.write((byte) '"');
                    out.write(b, page.start(r, c), page.end(r, c));
                    out.write((byte) '"');
                }
                case PageBytes.INTEGER, PageBytes.DECIMAL, PageBytes.TRUE, PageBytes.FALSE, PageBytes.NULL ->
                        out.write(b, page.start(r, c), page.end(r, c));
                default -> out.write(NULL); // missing
            }
        }
        out.write((byte) '}');
        out.write((byte) '\n');
        return true;
    }

    private boolean fastCsv(PageBytes page, int r) {
        byte[] b = page.bytes();
        for (int c = 0; c < width; c++) {
            byte k = page.kind(r, c);
            if (k == PageBytes.DECODED) {
                return false;
            }
            if (k == PageBytes.TEXT) {
                for (int i = page.start(r, c), end = page.end(r, c); i < end; i++) {
                    byte x = b[i];
                    if (x == ',' || x == '"' || x == '\r' || x == '\n') {
                        return false; // quoted: CsvRecordWriter writes it
                    }
                }
            }
        }
        for (int c = 0; c < width; c++) {
            if (c > 0) {
                out.write((byte) ',');
            }
            switch (page.kind(r, c)) {
                case PageBytes.TEXT, PageBytes.INTEGER, PageBytes.DECIMAL ->
                        out.write(b, page.start(r, c), page.end(r, c));
                case PageBytes.TRUE -> out.write(TRUE);
                case PageBytes.FALSE -> out.write(FALSE);
                default -> { } // null and missing: an empty field
            }
        }
        out.write((byte) '\r');
        out.write((byte) '\n');
        return true;
    }

    /** The values of one row by column index. */
    private interface Values {
        Object get(int column);
    }

    private void slowCsv(Values values) throws IOException {
        if (cells == null) {
            cells = new String[width];
        }
        for (int c = 0; c < width; c++) {
            cells[c] = CellText.text(values.get(c));
        }
        csv().write(cells);
        csvWriter.flush();
    }

    private void slowJson(Map<String, Object> values) throws IOException {
        if (json == null) {
            json = new JsonRecordWriter(out.writer(), false, CellText::plainValue);
        }
        json.write(columns, values);
        json.finish(); // JSON lines hold nothing back: this only hands the generator's text to the buffer
    }

    private CsvRecordWriter csv() {
        if (csvWriter == null) {
            csvWriter = new CsvRecordWriter(out.writer());
        }
        return csvWriter;
    }
}
