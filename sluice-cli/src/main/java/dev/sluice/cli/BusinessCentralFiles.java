package dev.sluice.cli;

import dev.sluice.businesscentral.BusinessCentralRecordProvider;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import dev.sluice.dataverse.Row;
import dev.sluice.flow.CsvRecordReader;
import dev.sluice.flow.JsonLinesReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code export} and {@code import} for {@code business-central} connections, through the record provider: an
 * export is written to {@code FILE.part} and renamed when complete; an import sends 200 records per write (each
 * keyed write reads its rows first, leaves unchanged ones alone, and sends the rest as {@code $batch} requests),
 * skips read-only columns and writes every failed line with its reason to the rejects file. Not resumable, unlike a
 * Dataverse export (an interrupted run starts over). Stateless.
 */
final class BusinessCentralFiles {
    /** Records per provider write: two full {@code $batch} requests of 100. */
    static final int CHUNK = 200;

    private BusinessCentralFiles() {}

    static int export(Engine engine, String name, String table, Path to, RowFormat format, List<String> select,
            String filter, PrintWriter out) throws IOException {
        TableSchema s = engine.provider(name).describe(table);
        List<String> columns = select.isEmpty() ? s.columns().stream().map(ColumnSchema::name).toList() : select;
        Path target = to.toAbsolutePath();
        Path part = target.resolveSibling(target.getFileName() + ".part");
        long rows = 0;
        try (Stream<Row> found = BusinessCentralCommands.query(engine, name, table, columns, filter, List.of(), null);
                Writer w = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
                RowSink sink = format.open(w, columns, engine.environment())) {
            Iterator<Row> it = found.iterator();
            while (it.hasNext()) {
                sink.write(it.next());
                rows++;
            }
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out.println("Exported " + rows + " rows of " + table + " to " + to + ".");
        return 0;
    }

    static int importFile(Engine engine, String name, String table, Path from, RowFormat format, WriteMode mode,
            List<String> key, Path rejectsFile, EmptyCells empty, PrintWriter out, PrintWriter err) throws IOException {
        BusinessCentralRecordProvider p = engine.provider(name);
        TableSchema s = p.describe(table);
        key.forEach(k -> BusinessCentralCommands.column(s, k));
        if (mode != WriteMode.CREATE && key.isEmpty()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "--mode " + mode.name().toLowerCase(java.util.Locale.ROOT)
                    + " needs --key (id or number)");
        }
        long[] counts = new long[WriteOutcome.Status.values().length];
        ErrorKind firstFailure = null;
        List<String> skipped = new ArrayList<>();
        try (BufferedReader in = reader(from);
                Rejects rejects = Rejects.fresh(rejectsFile != null ? rejectsFile : Rejects.defaultFor(from),
                        format == RowFormat.CSV)) {
            List<String> header = List.of();
            CsvRecordReader csv = format == RowFormat.CSV ? new CsvRecordReader(in, from.toString()) : null;
            JsonLinesReader json = csv == null ? new JsonLinesReader(in, true) : null;
            if (csv != null) {
                header = csv.header();
                if (header == null) {
                    throw new SluiceException(ErrorKind.INVALID_INPUT, "the input file is empty; a CSV needs a header line");
                }
                for (String c : header) {
                    ColumnSchema col = BusinessCentralCommands.column(s, c);
                    if (!col.writable() && !key.contains(c) && !c.equals(BusinessCentralRecordProvider.COMPANY_COLUMN)) {
                        skipped.add(c);
                    }
                }
            }
            rejects.header(header);
            List<Map<String, Object>> chunk = new ArrayList<>();
            List<Object[]> lines = new ArrayList<>();
            long line = 0;
            while (true) {
                Map<String, Object> record = new LinkedHashMap<>();
                Object raw;
                if (csv != null) {
                    List<String> fields = csv.next();
                    if (fields == null) {
                        break;
                    }
                    line = csv.recordLine();
                    raw = fields;
                    if (fields.size() != header.size()) {
                        rejects.add(line, "has " + fields.size() + " fields but the header has " + header.size(), raw);
                        continue;
                    }
                    for (int i = 0; i < header.size(); i++) {
                        if (skipped.contains(header.get(i))) {
                            continue;
                        }
                        if (!fields.get(i).isEmpty()) {
                            record.put(header.get(i), fields.get(i));
                        } else if (empty == EmptyCells.NULL) {
                            record.put(header.get(i), null); // Business Central has no null: the blank value
                        }
                    }
                } else {
                    JsonLinesReader.Line l = json.next();
                    if (l == null) {
                        break;
                    }
                    line = l.number();
                    raw = l.text();
                    if (l.record() == null) {
                        rejects.add(line, "is not a JSON object", raw);
                        continue;
                    }
                    for (Map.Entry<String, Object> f : l.record().entrySet()) {
                        ColumnSchema col = s.column(f.getKey()).orElse(null);
                        if (col != null && !col.writable() && !key.contains(f.getKey())
                                && !f.getKey().equals(BusinessCentralRecordProvider.COMPANY_COLUMN)) {
                            continue;
                        }
                        Object v = f.getValue();
                        record.put(f.getKey(), v instanceof Long n ? java.math.BigDecimal.valueOf(n) : v);
                    }
                }
                chunk.add(record);
                lines.add(new Object[] {line, raw});
                if (chunk.size() == CHUNK) {
                    firstFailure = send(p, table, mode, key, chunk, lines, counts, rejects, firstFailure);
                }
            }
            firstFailure = send(p, table, mode, key, chunk, lines, counts, rejects, firstFailure);
            if (!skipped.isEmpty()) {
                err.println("Skipped columns: " + String.join(", ", skipped.stream().map(c -> c + " (read-only)")
                        .toList()));
            }
            out.println("Imported into " + table + ": " + counts[WriteOutcome.Status.CREATED.ordinal()] + " created, "
                    + counts[WriteOutcome.Status.UPDATED.ordinal()] + " updated, "
                    + counts[WriteOutcome.Status.UNCHANGED.ordinal()] + " unchanged, " + rejects.count()
                    + " rejected.");
            if (rejects.count() > 0) {
                out.println("Rejected lines and why: " + rejects.file() + " (most common: " + rejects.topReason() + ")");
                return firstFailure == null ? ErrorKind.INVALID_INPUT.exitCode() : firstFailure.exitCode();
            }
            return 0;
        }
    }

    private static ErrorKind send(BusinessCentralRecordProvider p, String table, WriteMode mode, List<String> key,
            List<Map<String, Object>> chunk, List<Object[]> lines, long[] counts, Rejects rejects, ErrorKind first) {
        if (chunk.isEmpty()) {
            return first;
        }
        List<WriteOutcome> outcomes = p.write(table, mode, key, chunk);
        for (WriteOutcome o : outcomes) {
            counts[o.status().ordinal()]++;
            if (o.failed()) {
                Object[] l = lines.get(o.index());
                rejects.add((long) l[0], o.message().replaceFirst("^record \\d+: ", ""), l[1]);
                first = first == null ? o.errorKind() : first;
            }
        }
        chunk.clear();
        lines.clear();
        return first;
    }

    private static BufferedReader reader(Path from) throws IOException {
        try {
            return Files.newBufferedReader(from, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "the input file " + from + " does not exist", e);
        }
    }
}
