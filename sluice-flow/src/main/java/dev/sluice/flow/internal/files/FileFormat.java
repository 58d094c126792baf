package dev.sluice.flow.internal.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The two file formats: CSV with a header row, and JSON Lines (one JSON object per line). Stateless. */
public enum FileFormat {
    CSV, JSON_LINES;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** The format of a file name, or null. */
    public static FileFormat of(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".csv") ? CSV : n.endsWith(".jsonl") || n.endsWith(".ndjson") ? JSON_LINES : null;
    }

    /** The column names: the CSV header, or the keys of the first JSON object (empty for an empty file). */
    public List<String> columns(Path file) {
        Iterator<Map<String, Object>> it = open(file, true);
        if (this == CSV) {
            return ((CsvRows) it).header;
        }
        return it.hasNext() ? List.copyOf(it.next().keySet()) : List.of();
    }

    /** Reads the records lazily; the iterator closes the file at its end. */
    public Iterator<Map<String, Object>> open(Path file, boolean headerOnly) {
        try {
            BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            return this == CSV ? new CsvRows(new CsvReader(r, file.getFileName().toString()), headerOnly)
                    : new JsonRows(r, file.getFileName().toString());
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "cannot read " + file.getFileName() + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Writes records (CSV: these columns, in order). */
    public void write(Writer w, List<String> columns, List<Map<String, Object>> records) throws IOException {
        if (this == CSV) {
            CsvWriter csv = new CsvWriter(w);
            csv.write(columns);
            for (Map<String, Object> r : records) {
                List<String> fields = new ArrayList<>(columns.size());
                for (String c : columns) {
                    Object v = r.get(c);
                    fields.add(v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString());
                }
                csv.write(fields);
            }
            return;
        }
        for (Map<String, Object> r : records) {
            w.write(dev.sluice.flow.internal.run.Json.record(r));
            w.write('\n');
        }
    }

    /** CSV rows as maps by header; empty fields are null. */
    private static final class CsvRows implements Iterator<Map<String, Object>> {
        private final CsvReader csv;
        private final List<String> header;
        private List<String> ahead;

        CsvRows(CsvReader csv, boolean headerOnly) {
            this.csv = csv;
            try {
                List<String> h = csv.next();
                this.header = h == null ? List.of() : List.copyOf(h);
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
            List<String> f;
            do {
                f = csv.next();
            } while (f != null && f.size() == 1 && f.get(0).isEmpty());
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

    /** JSON Lines rows; numbers as Long or BigDecimal, nested values as JSON text. */
    private static final class JsonRows implements Iterator<Map<String, Object>> {
        private final BufferedReader r;
        private final String file;
        private String ahead;
        private int line;

        JsonRows(BufferedReader r, String file) {
            this.r = r;
            this.file = file;
            advance();
        }

        private void advance() {
            try {
                do {
                    ahead = r.readLine();
                    line++;
                } while (ahead != null && ahead.isBlank());
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
            JsonNode n;
            try {
                n = JSON.readTree(ahead);
            } catch (JsonProcessingException e) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, file + " line " + line + ": not JSON ("
                        + e.getOriginalMessage() + ")");
            }
            if (!n.isObject()) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, file + " line " + line + ": each line must be a "
                        + "JSON object");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            n.properties().forEach(e -> row.put(e.getKey(), value(e.getValue())));
            advance();
            return row;
        }

        private static Object value(JsonNode v) {
            if (v.isNull()) {
                return null;
            }
            if (v.isIntegralNumber()) {
                return v.canConvertToLong() ? (Object) v.longValue() : v.decimalValue();
            }
            if (v.isNumber()) {
                return v.decimalValue();
            }
            if (v.isBoolean()) {
                return v.booleanValue();
            }
            return v.isTextual() ? v.textValue() : v.toString();
        }
    }

}
