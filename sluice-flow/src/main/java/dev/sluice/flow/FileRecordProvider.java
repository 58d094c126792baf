package dev.sluice.flow;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.RecordProvider;
import dev.sluice.core.SearchRequest;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import dev.sluice.flow.internal.files.WhereMatch;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The record provider for a directory of files: each {@code .csv} (RFC 4180, header row) or {@code .jsonl} (JSON
 * Lines) file is a table named by its file name. CSV values are text; JSON values keep their JSON types. Files have
 * no keys or constraints: a keyed write replaces the rows whose key columns match. Every write rewrites the file
 * to a temporary file beside it and renames it over the old one, so a reader never sees half a write. Writes are
 * serialised; thread-safe.
 */
public final class FileRecordProvider implements RecordProvider {
    private final Path directory;

    public FileRecordProvider(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    @Override
    public List<String> tables() {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path p : files) {
                if (Files.isRegularFile(p) && FileFormat.of(p.getFileName().toString()) != null) {
                    out.add(p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "cannot list directory " + directory + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** Whether the table's file exists. */
    public boolean exists(String table) {
        return Files.isRegularFile(file(table));
    }

    @Override
    public TableSchema describe(String table) {
        Path f = file(table);
        if (!Files.isRegularFile(f)) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "no file '" + table + "' in " + directory);
        }
        FileFormat format = format(table);
        List<ColumnSchema> columns = new ArrayList<>();
        if (format == FileFormat.CSV) {
            format.columns(f).forEach(c -> columns.add(new ColumnSchema(c, ColumnKind.STRING, false, true, Map.of(),
                    List.of())));
        } else {
            Iterator<Map<String, Object>> it = format.open(f, false);
            Map<String, Object> first = it.hasNext() ? it.next() : Map.of();
            first.forEach((k, v) -> columns.add(new ColumnSchema(k, kind(v), false, true, Map.of(), List.of())));
            it.forEachRemaining(r -> { });
        }
        return new TableSchema(table, columns, List.of(), List.of());
    }

    private static ColumnKind kind(Object v) {
        if (v instanceof Long) {
            return ColumnKind.INTEGER;
        }
        if (v instanceof java.math.BigDecimal) {
            return ColumnKind.DECIMAL;
        }
        if (v instanceof Boolean) {
            return ColumnKind.BOOLEAN;
        }
        return v instanceof String ? ColumnKind.STRING : ColumnKind.OTHER;
    }

    @Override
    public Stream<Map<String, Object>> search(SearchRequest request) {
        Path f = file(request.table());
        if (!Files.isRegularFile(f)) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "no file '" + request.table() + "' in " + directory);
        }
        Iterator<Map<String, Object>> it = format(request.table()).open(f, false);
        Stream<Map<String, Object>> rows = StreamSupport.stream(Spliterators.spliteratorUnknownSize(it,
                Spliterator.ORDERED), false).filter(r -> WhereMatch.test(request.where(), r));
        if (!request.select().isEmpty()) {
            rows = rows.map(r -> {
                Map<String, Object> out = new LinkedHashMap<>();
                request.select().forEach(c -> out.put(c, r.get(c)));
                return out;
            });
        }
        if (!request.orderBy().isEmpty()) {
            rows = rows.sorted(order(request.orderBy()));
        }
        return request.limit() == null ? rows : rows.limit(request.limit());
    }

    /** How many records the file holds, counted from its bytes ({@link FileFormat#count}). */
    public long count(String table) {
        Path f = file(table);
        if (!Files.isRegularFile(f)) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "no file '" + table + "' in " + directory);
        }
        try {
            return format(table).count(f);
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "cannot read " + f.getFileName() + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static Comparator<Map<String, Object>> order(List<String> orderBy) {
        Comparator<Map<String, Object>> c = (a, b) -> 0;
        for (String o : orderBy) {
            boolean desc = o.startsWith("-");
            String col = desc ? o.substring(1) : o;
            Comparator<Map<String, Object>> one = (a, b) -> WhereMatch.compare(a.get(col), b.get(col));
            c = c.thenComparing(desc ? one.reversed() : one);
        }
        return c;
    }

    @Override
    public synchronized List<WriteOutcome> write(String table, WriteMode mode, List<String> key,
            List<Map<String, Object>> records) {
        Path f = file(table);
        FileFormat format = format(table);
        if (mode != WriteMode.CREATE && (key == null || key.isEmpty())) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "a file has no primary key; give the key columns for "
                    + mode.name().toLowerCase());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        if (Files.isRegularFile(f)) {
            if (format == FileFormat.CSV) {
                columns.addAll(format.columns(f));
            }
            format.open(f, false).forEachRemaining(rows::add);
        }
        Map<List<Object>, Integer> index = new LinkedHashMap<>();
        if (mode != WriteMode.CREATE) {
            for (int i = 0; i < rows.size(); i++) {
                index.put(keyOf(rows.get(i), key), i);
            }
        }
        List<WriteOutcome> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> r = records.get(i);
            if (mode == WriteMode.CREATE) {
                rows.add(r);
                columns.addAll(r.keySet());
                out.add(WriteOutcome.ok(i, WriteOutcome.Status.CREATED, null));
                continue;
            }
            List<Object> k = keyOf(r, key);
            if (k.contains(null)) {
                out.add(WriteOutcome.failed(i, ErrorKind.INVALID_INPUT, "record " + i + ": key " + key + " has no value"));
                continue;
            }
            Integer at = index.get(k);
            switch (mode) {
                case DELETE -> {
                    if (at == null) {
                        out.add(WriteOutcome.ok(i, WriteOutcome.Status.UNCHANGED, null));
                    } else {
                        rows.set(at, null);
                        index.remove(k);
                        out.add(WriteOutcome.ok(i, WriteOutcome.Status.DELETED, null));
                    }
                }
                case UPDATE -> {
                    if (at == null) {
                        out.add(WriteOutcome.failed(i, ErrorKind.NOT_FOUND, "record " + i + ": no row of '" + table
                                + "' has key " + k));
                    } else {
                        Map<String, Object> merged = new LinkedHashMap<>(rows.get(at));
                        merged.putAll(r);
                        rows.set(at, merged);
                        columns.addAll(r.keySet());
                        out.add(WriteOutcome.ok(i, WriteOutcome.Status.UPDATED, null));
                    }
                }
                default -> {
                    columns.addAll(r.keySet());
                    if (at == null) {
                        index.put(k, rows.size());
                        rows.add(r);
                        out.add(WriteOutcome.ok(i, WriteOutcome.Status.CREATED, null));
                    } else {
                        Map<String, Object> merged = new LinkedHashMap<>(rows.get(at));
                        merged.putAll(r);
                        rows.set(at, merged);
                        out.add(WriteOutcome.ok(i, WriteOutcome.Status.UPDATED, null));
                    }
                }
            }
        }
        rows.removeIf(java.util.Objects::isNull);
        replace(f, format, List.copyOf(columns), rows);
        return out;
    }

    private static List<Object> keyOf(Map<String, Object> r, List<String> key) {
        List<Object> k = new ArrayList<>(key.size());
        for (String c : key) {
            Object v = r.get(c);
            k.add(v == null ? null : v instanceof java.math.BigDecimal d ? d.stripTrailingZeros().toPlainString()
                    : v.toString());
        }
        return k;
    }

    private void replace(Path f, FileFormat format, List<String> columns, List<Map<String, Object>> rows) {
        Path tmp = f.resolveSibling("." + f.getFileName() + ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                format.write(w, columns, rows);
            }
            try {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.TRANSIENT, "cannot write " + f.getFileName() + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private Path file(String table) {
        Path f = directory.resolve(table).normalize();
        if (!f.getParent().equals(directory)) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "table '" + table + "' must be a file name in "
                    + directory + ", not a path");
        }
        return f;
    }

    private static FileFormat format(String table) {
        FileFormat f = FileFormat.of(table);
        if (f == null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "table '" + table + "' must be a .csv or .jsonl file");
        }
        return f;
    }
}
