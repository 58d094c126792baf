package dev.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.flow.CsvRecordWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rejects file of an import: each failed input line with its line number and reason, in input order and in
 * the input's format (CSV: {@code line,error,} then the input's columns; JSON lines: {@code {"line","error",
 * "record"}}). Created on the first reject. A new import removes a stale one from an earlier run; a resumed one
 * keeps what the interrupted run had acknowledged ({@link #resume}) and appends. Thread-safe.
 */
final class Rejects implements AutoCloseable {
    private static final ObjectMapper JSON = Json.MAPPER;
    private final Path file;
    private final boolean csv;
    private List<String> header = List.of();
    private Writer out;
    private CountingOutputStream counted;
    private long count;
    private long bytes;
    private final Map<String, Long> reasons = new LinkedHashMap<>();

    private Rejects(Path file, boolean csv, long bytes, long count) {
        this.file = file;
        this.csv = csv;
        this.bytes = bytes;
        this.count = count;
    }

    /** A fresh rejects file: a stale one from an earlier run is removed. */
    static Rejects fresh(Path file, boolean csv) throws IOException {
        Files.deleteIfExists(file);
        return new Rejects(file, csv, 0, 0);
    }

    /**
     * The rejects file of an interrupted run, cut back to the {@code bytes} that held its first {@code count}
     * rejects (what came later is written again); null when the file is shorter than that (it was changed).
     */
    static Rejects resume(Path file, boolean csv, long bytes, long count) throws IOException {
        if (bytes == 0) {
            return fresh(file, csv);
        }
        if (!Files.isRegularFile(file) || Files.size(file) < bytes) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(bytes);
        }
        return new Rejects(file, csv, bytes, count);
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
                boolean append = bytes > 0;
                counted = new CountingOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING),
                        bytes);
                out = new BufferedWriter(new OutputStreamWriter(counted, StandardCharsets.UTF_8));
                if (csv && !append) {
                    List<String> h = new ArrayList<>(List.of("line", "error"));
                    h.addAll(header);
                    out.write(CsvRecordWriter.line(h));
                }
            }
            if (csv) {
                List<String> cells = new ArrayList<>(List.of(String.valueOf(line), error));
                if (record instanceof List<?> fields) {
                    fields.forEach(f -> cells.add(String.valueOf(f)));
                }
                out.write(CsvRecordWriter.line(cells));
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

    /** Writes out what is buffered and returns the file's length: every reject so far is in it. */
    synchronized long flush() {
        if (out == null) {
            return bytes;
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytes = counted.count();
        return bytes;
    }

    synchronized long count() {
        return count;
    }

    /** The most common reason in this run, for the summary. */
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
