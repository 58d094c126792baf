package dev.sluice.flow;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The two file formats of Sluice, told by the file name: CSV with a header row ({@code .csv}, read by
 * {@link CsvRecordReader}, written by {@link CsvRecordWriter}) and JSON lines ({@code .jsonl} or {@code .ndjson},
 * {@link JsonLinesReader}, {@link JsonRecordWriter}); files are UTF-8. The record view here is
 * {@link FileRecordProvider}'s; the CLI uses the readers and writers directly. Stateless.
 */
public enum FileFormat {
    CSV, JSON_LINES;

    /** The format of a file name ({@code .csv}, {@code .jsonl}, {@code .ndjson}, any case), or null. */
    public static FileFormat of(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".csv") ? CSV : n.endsWith(".jsonl") || n.endsWith(".ndjson") ? JSON_LINES : null;
    }

    /** The column names: the CSV header, or the keys of the first JSON object (empty for an empty file). */
    List<String> columns(Path file) {
        Iterator<Map<String, Object>> it = open(file, true);
        if (this == CSV) {
            return ((CsvRows) it).header;
        }
        return it.hasNext() ? List.copyOf(it.next().keySet()) : List.of();
    }

    /**
     * How many records the file holds, told from its bytes without parsing the records: the lines that are not
     * blank (CR, LF or CRLF end a line), outside CSV's double quotes, less CSV's header. As many as the readers
     * yield for a well-formed file (a line of nothing but non-ASCII spaces counts here, and a JSON line that does not
     * parse counts too); for a run's progress, where reading every record into a map first took a quarter of a
     * 100,000-row flow's main thread.
     */
    long count(Path file) throws IOException {
        boolean csv = this == CSV;
        long lines = 0;
        boolean content = false;
        boolean fieldStart = true; // a CSV quote opens a quoted field only as the field's first character
        boolean quoted = false;
        boolean closing = false; // a quote in a quoted field: its end, or the first of a doubled quote
        byte[] buf = new byte[1 << 16];
        try (java.io.InputStream in = Files.newInputStream(file)) {
            int n = in.read(buf);
            int from = n >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF ? 3 : 0;
            for (; n >= 0; n = in.read(buf), from = 0) {
                for (int i = from; i < n; i++) {
                    byte b = buf[i];
                    if (quoted) {
                        quoted = b != '"';
                        closing = !quoted;
                        continue;
                    }
                    if (closing) {
                        closing = false;
                        if (b == '"') {
                            quoted = true;
                            continue;
                        }
                    }
                    if (b == '\n' || b == '\r') {
                        lines += content ? 1 : 0;
                        content = false;
                        fieldStart = true;
                    } else if (csv) {
                        content = true;
                        quoted = fieldStart && b == '"';
                        fieldStart = b == ',';
                    } else if (!blank(b)) {
                        content = true;
                    }
                }
            }
        }
        lines += content ? 1 : 0;
        return csv ? Math.max(0, lines - 1) : lines;
    }

    /** The ASCII characters {@link String#isBlank()} takes for white space, besides the line ends. */
    private static boolean blank(byte b) {
        return b == ' ' || b == '\t' || b == 0x0B || b == '\f' || b >= 0x1C && b <= 0x1F;
    }

    /** Reads the records lazily; the iterator closes the file at its end. */
    Iterator<Map<String, Object>> open(Path file, boolean headerOnly) {
        try {
            BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            String name = file.getFileName().toString();
            return this == CSV ? new CsvRows(new CsvRecordReader(r, name), headerOnly)
                    : new JsonRows(new JsonLinesReader(r, true), name);
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "cannot read " + file.getFileName() + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Writes records (CSV: these columns, in order, after a header line). */
    void write(Writer w, List<String> columns, List<Map<String, Object>> records) throws IOException {
        if (this == CSV) {
            CsvRecordWriter csv = new CsvRecordWriter(w);
            csv.write(columns);
            String[] fields = new String[columns.size()];
            for (Map<String, Object> r : records) {
                for (int i = 0; i < fields.length; i++) {
                    Object v = r.get(columns.get(i));
                    fields[i] = v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
                }
                csv.write(fields);
            }
            csv.flush();
            return;
        }
        JsonRecordWriter json = new JsonRecordWriter(w, false, Object::toString);
        for (Map<String, Object> r : records) {
            json.write(List.of(), r);
        }
        json.finish();
    }

    /** CSV rows as maps by header; empty fields are null; a short row's missing fields are null. */
    private static final class CsvRows implements Iterator<Map<String, Object>> {
        private final CsvRecordReader csv;
        private final List<String> header;
        private List<String> ahead;

        CsvRows(CsvRecordReader csv, boolean headerOnly) {
            this.csv = csv;
            try {
                List<String> h = csv.header();
                this.header = h == null ? List.of() : h;
                if (headerOnly || h == null) {
                    csv.close();
                } else {
                    ahead = next0();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private List<String> next0() throws IOException {
            List<String> f = csv.next();
            if (f == null) {
                csv.close();
            }
            return f;
        }

        @Override
        public boolean hasNext() {
            return ahead != null;
        }

        @Override
        public Map<String, Object> next() {
            if (ahead == null) {
                throw new NoSuchElementException();
            }
            List<String> f = ahead;
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String v = i < f.size() ? f.get(i) : "";
                row.put(header.get(i), v.isEmpty() ? null : v);
            }
            try {
                ahead = next0();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return row;
        }
    }

    /** JSON lines rows; numbers as Long or BigDecimal, nested values as JSON text; a bad line stops the read. */
    private static final class JsonRows implements Iterator<Map<String, Object>> {
        private final JsonLinesReader r;
        private final String file;
        private JsonLinesReader.Line ahead;

        JsonRows(JsonLinesReader r, String file) {
            this.r = r;
            this.file = file;
            advance();
        }

        private void advance() {
            try {
                ahead = r.next();
                if (ahead == null) {
                    r.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean hasNext() {
            return ahead != null;
        }

        @Override
        public Map<String, Object> next() {
            if (ahead == null) {
                throw new NoSuchElementException();
            }
            if (ahead.record() == null) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, file + " line " + ahead.number() + ": "
                        + ahead.problem());
            }
            Map<String, Object> row = ahead.record();
            advance();
            return row;
        }
    }
}
