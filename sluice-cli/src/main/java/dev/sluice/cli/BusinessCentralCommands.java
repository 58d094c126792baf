package dev.sluice.cli;

import dev.sluice.businesscentral.BusinessCentralRecordProvider;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SearchRequest;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.core.Where;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import dev.sluice.dataverse.Row;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The data commands for {@code business-central} connections, through the record provider: each command checks
 * {@link Engine#isBusinessCentral} first and comes here. Tables are Business Central's standard API v2.0 entity
 * sets; {@code --filter} is OData as Business Central takes it; a row is addressed by {@code --id GUID} or
 * {@code --key number=VALUE}. Stateless.
 */
final class BusinessCentralCommands {
    private BusinessCentralCommands() {}

    static int tables(Engine engine, String name, PrintWriter out) {
        BusinessCentralRecordProvider p = engine.provider(name);
        List<List<String>> rows = new ArrayList<>();
        for (String t : p.tables()) {
            TableSchema s = p.describe(t);
            boolean writable = s.columns().stream().anyMatch(ColumnSchema::writable);
            rows.add(List.of(t, String.join(", ", s.primaryKey()), s.uniqueKeys().isEmpty() ? ""
                    : String.join(", ", s.uniqueKeys().get(0)), writable ? "read, write" : "read-only"));
        }
        TextTable.print(out, List.of("TABLE", "PRIMARY KEY", "UNIQUE KEY", "ACCESS"), rows, engine.environment().width(),
                engine.environment().colour());
        out.println("(" + rows.size() + " Business Central entity sets in " + where(engine, name)
                + "; see one with: sluice describe " + name + " TABLE)");
        return 0;
    }

    static int describe(Engine engine, String name, String table, PrintWriter out) {
        TableSchema s = engine.provider(name).describe(table);
        out.println("Table " + s.name() + " (Business Central API v2.0, " + where(engine, name) + ", primary key "
                + String.join(", ", s.primaryKey()) + ")");
        List<List<String>> rows = new ArrayList<>();
        for (ColumnSchema c : s.columns()) {
            rows.add(List.of(c.name(), c.kind().name().toLowerCase(java.util.Locale.ROOT), c.required() ? "required" : "",
                    c.writable() ? "create, update" : "read-only"));
        }
        TextTable.print(out, List.of("COLUMN", "TYPE", "REQUIRED", "WRITE"), rows,
                Math.max(engine.environment().width(), 100), engine.environment().colour());
        for (List<String> k : s.uniqueKeys()) {
            out.println("Unique key: " + String.join(", ", k));
        }
        return 0;
    }

    /** Rows of a query, in order, as the CLI's sinks take them. */
    static Stream<Row> query(Engine engine, String name, String table, List<String> select, String filter,
            List<String> orderBy, Integer top) {
        BusinessCentralRecordProvider p = engine.provider(name);
        TableSchema s = p.describe(table);
        for (String c : select) {
            column(s, c);
        }
        List<String> order = new ArrayList<>();
        for (String o : orderBy) {
            String[] words = o.trim().split("\\s+");
            column(s, words[0]);
            order.add((words.length > 1 && words[1].equalsIgnoreCase("desc") ? "-" : "") + words[0]);
        }
        return p.search(new SearchRequest(table, select, null, order, top), filter).map(BusinessCentralCommands::row);
    }

    static Optional<Row> get(Engine engine, String name, String table, String keyText, List<String> select) {
        BusinessCentralRecordProvider p = engine.provider(name);
        TableSchema s = p.describe(table);
        Map.Entry<String, Object> key = key(s, keyText);
        return p.search(new SearchRequest(table, select, Where.eq(key.getKey(), key.getValue()), List.of(), 1))
                .findFirst().map(BusinessCentralCommands::row);
    }

    /** A provider row as the CLI's sinks write it: GUIDs and times as text, as Dataverse rows carry them. */
    private static Row row(Map<String, Object> m) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> values.put(k, v instanceof java.util.UUID || v instanceof java.time.Instant
                ? v.toString() : v));
        return new Row(values, Map.of());
    }

    /** Writes one record and prints what happened; the exit code says how it went. */
    static int writeOne(Engine engine, String name, String table, WriteMode mode, String keyText,
            Map<String, Object> record, PrintWriter out) {
        BusinessCentralRecordProvider p = engine.provider(name);
        TableSchema s = p.describe(table);
        Map<String, Object> values = new java.util.LinkedHashMap<>(record);
        List<String> keyColumns = List.of();
        String shown = "";
        if (keyText != null) {
            Map.Entry<String, Object> key = key(s, keyText);
            values.put(key.getKey(), key.getValue());
            keyColumns = List.of(key.getKey());
            shown = " " + key.getKey() + "=" + key.getValue();
        }
        for (String c : values.keySet()) {
            column(s, c);
        }
        WriteOutcome o = p.write(table, mode, keyColumns, List.of(values)).get(0);
        if (o.failed()) {
            throw new SluiceException(o.errorKind(), o.message().replaceFirst("^record 0: ", ""));
        }
        switch (o.status()) {
            case CREATED -> out.println(mode == WriteMode.CREATE ? o.id() : "Created " + table + shown + " (" + o.id()
                    + ").");
            case UPDATED -> out.println("Updated " + table + shown + ".");
            case UNCHANGED -> out.println("Unchanged " + table + shown + ": it already has these values.");
            default -> out.println("Deleted " + table + shown + ".");
        }
        return 0;
    }

    /** {@code GUID} or {@code --key column=value}: the id, or the table's number key. */
    static Map.Entry<String, Object> key(TableSchema s, String keyText) {
        int eq = keyText.indexOf('=');
        if (eq < 0) {
            return Map.entry("id", keyText.trim());
        }
        String column = keyText.substring(0, eq).trim();
        List<String> number = s.uniqueKeys().isEmpty() ? List.of() : s.uniqueKeys().get(0);
        if (!column.equals("id") && !number.contains(column)) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "table " + s.name() + " is keyed by id"
                    + (number.isEmpty() ? "" : " or " + number.get(number.size() - 1)) + ", not by '" + column + "'");
        }
        return Map.entry(column, keyText.substring(eq + 1));
    }

    static ColumnSchema column(TableSchema s, String c) {
        return s.column(c).orElseThrow(() -> new SluiceException(ErrorKind.INVALID_INPUT, "unknown column '" + c
                + "' on table '" + s.name() + "'" + Suggestions.didYouMean(c, s.columns().stream()
                .map(ColumnSchema::name).toList()) + "; see the columns with: sluice describe CONNECTION " + s.name()));
    }

    private static String where(Engine engine, String name) {
        return engine.connection(name).settings().businessCentral().describe();
    }

    static void requireNoIncremental(boolean incremental) throws IOException {
        if (incremental) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "--incremental reads Dataverse change tracking; "
                    + "Business Central has none: filter on lastModifiedDateTime instead, e.g. --filter "
                    + "\"lastModifiedDateTime gt 2024-05-01T00:00:00Z\"");
        }
    }
}
