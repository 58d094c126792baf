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
