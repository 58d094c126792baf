package dev.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rejects file of an import: each failed input line with its line number and reason, in the input's
 * format (CSV: {@code line,error,} then the input's columns; JSON lines: {@code {"line","error","record"}}).
 * Created on the first reject; a stale one from an earlier run is removed at the start. Thread-safe.
 */
final class Rejects implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final boolean csv;
    private List<String> header = List.of();
    private Writer out;
    private long count;
    private final Map<String, Long> reasons = new LinkedHashMap<>();

    Rejects(Path file, boolean csv) throws IOException {
        this.file = file;
        this.csv = csv;
        Files.deleteIfExists(file);
    }

    /** Default name: {@code accounts.csv} → {@code accounts.rejects.csv}. */
    static Path defaultFor(Path input) {
        String n = input.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return input.resolveSibling(dot < 0 ? n + ".rejects" : n.substring(0, dot) + ".rejects" + n.substring(dot));
    }

    Path file() {
        return file;
    }

    void header(List<String> columns) {
        this.header = List.copyOf(columns);
    }

    synchronized void add(long line, String error, Object record) {
        count++;
        reasons.merge(error.length() > 80 ? error.substring(0, 80) + "…" : error, 1L, Long::sum);
        try {
            if (out == null) {
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                if (csv) {
                    List<String> h = new ArrayList<>(List.of("line", "error"));
                    h.addAll(header);
                    out.write(csvLine(h));
                }
            }
            if (csv) {
                List<String> cells = new ArrayList<>(List.of(String.valueOf(line), error));
                @SuppressWarnings("unchecked")
                List<String> fields = (List<String>) record;
                cells.addAll(fields);
                out.write(csvLine(cells));
            } else {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("line", line);
                r.put("error", error);
                r.put("record", record);
                out.write(JSON.writeValueAsString(r) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String csvLine(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            b.append(i == 0 ? "" : ",").append(CsvRowSink.quote(cells.get(i)));
        }
        return b.append("\r\n").toString();
    }

    synchronized long count() {
        return count;
    }

    /** The most common reason, for the summary. */
    synchronized String topReason() {
        return reasons.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
