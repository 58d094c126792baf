package dev.sluice.server.internal.design;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What someone has chosen in the designer so far: the form's state, which is all the designer keeps between requests
 * (the page carries it; nothing is stored until the flow is saved). Parsed from the form's fields, or opened from a
 * saved flow. Immutable.
 *
 * @param name the flow's name
 * @param baseVersion the version it was opened from (0: a new flow)
 * @param source what to read
 * @param target where to write
 * @param columns the mapping grid's rows with a choice made, by target column
 * @param gridFor the target ({@code connection/table}) the grid was made for; another target proposes it anew
 * @param options deletes, errors, chunks and schedule
 */
public record Design(String name, int baseVersion, Source source, Target target, List<Column> columns, String gridFor,
        Options options) {
    public Design {
        columns = List.copyOf(columns);
    }

    /** Nothing chosen yet. */
    public static Design blank() {
        return new Design("", 0, new Source("", "", "", "rows", List.of(), "", "full", "", false),
                new Target("", "", "", false, "", List.of(), "upsert", ""), List.of(), "",
                new Options("ignore", "", "dead-letter", 500, "none", "15m", "0 6 * * 1-5", "5m"));
    }

    /**
     * The source.
     *
     * @param connection connection or database name
     * @param table table
     * @param search text the table list is narrowed to
     * @param filterMode {@code rows} (column, operator, value) or {@code cel} (an expression)
     * @param filters the filter's rows
     * @param filterCel the filter as CEL (in {@code cel} mode)
     * @param incremental {@code full}, {@code change-tracking} or {@code watermark}
     * @param watermark the watermark column
     * @param failOnExpiredToken change tracking: fail rather than read everything again when the token expired
     */
    public record Source(String connection, String table, String search, String filterMode, List<Filter> filters,
            String filterCel, String incremental, String watermark, boolean failOnExpiredToken) {
        public Source {
            filters = List.copyOf(filters);
        }
    }

    /** One row of the filter: {@code column operator value}. */
    public record Filter(String column, String op, String value) {}

    /**
     * The target.
     *
     * @param connection connection or database name
     * @param table table ({@code +new} while a new table is being laid out)
     * @param search text the table list is narrowed to
     * @param newTable whether a new table is being laid out
     * @param newName the new table's name
     * @param newColumns the new table's columns
     * @param write {@code create}, {@code update}, {@code upsert} or {@code delete}
     * @param key the key columns, comma-separated
     */
    public record Target(String connection, String table, String search, boolean newTable, String newName,
            List<NewColumn> newColumns, String write, String key) {
        public Target {
            newColumns = List.copyOf(newColumns);
        }
    }

    /**
     * A column of a new table.
     *
     * @param name its name
     * @param kind its kind ({@code string}, {@code integer}, {@code decimal}, {@code double}, {@code boolean},
     *     {@code datetime}, {@code guid})
     * @param include whether it is created
     * @param from the source column it was proposed from, or empty
     * @param key whether it is part of the primary key
     */
    public record NewColumn(String name, String kind, boolean include, String from, boolean key) {}

    /**
     * One row of the mapping grid: a target column and where its value comes from.
     *
     * @param target the target column as the flow names it
     * @param kind {@code none}, {@code column}, {@code constant}, {@code label}, {@code choice}, {@code lookup} or
     *     {@code cel}
     * @param column the source column copied
     * @param constant the constant, as typed
     * @param label the source choice column whose label is written
     * @param choice the source column or CEL giving a label to turn into the choice's value
     * @param lookupTable the table a lookup points to
     * @param lookupKey its alternate key's columns, comma-separated
     * @param lookupValues the source column or CEL giving each key column's value
     * @param cel the CEL expression
     */
    public record Column(String target, String kind, String column, String constant, String label, String choice,
            String lookupTable, String lookupKey, List<String> lookupValues, String cel) {
        public Column {
            lookupValues = List.copyOf(lookupValues);
        }

        /** A row that copies a source column. */
        public static Column copy(String target, String column) {
            return new Column(target, "column", column, "", "", "", "", "", List.of(), "");
        }

        /** A row that writes nothing. */
        public static Column none(String target) {
            return new Column(target, "none", "", "", "", "", "", "", List.of(), "");
        }
    }

    /**
     * Options.
     *
     * @param onDelete {@code ignore}, {@code delete} or {@code mark}
     * @param markColumn the column {@code mark} sets
     * @param errors {@code dead-letter} or {@code fail}
     * @param chunkSize records per write and checkpoint
     * @param schedule {@code none}, {@code every}, {@code cron} or {@code trigger}
     * @param every the interval of {@code every} ({@code 15m})
     * @param cron the cron expression
     * @param interval how often a trigger polls
     */
    public record Options(String onDelete, String markColumn, String errors, int chunkSize, String schedule,
            String every, String cron, String interval) {}

    /** The grid row for this target column, if one was chosen. */
    public java.util.Optional<Column> column(String target) {
        return columns.stream().filter(c -> c.target().equals(target)).findFirst();
    }

    public Design withSource(Source s) {
        return new Design(name, baseVersion, s, target, columns, gridFor, options);
    }

    public Design withTarget(Target t) {
        return new Design(name, baseVersion, source, t, columns, gridFor, options);
    }

    public Design withColumns(List<Column> c, String grid) {
        return new Design(name, baseVersion, source, target, c, grid, options);
    }

    private static final Pattern INDEXED = Pattern.compile("(filter|new|m)\\.(\\d{1,4})\\.([A-Za-z]+)(?:\\.(\\d{1,2}))?");

    /** The design a submitted form describes (unknown fields are ignored, missing ones take their defaults). */
    public static Design fromForm(Map<String, List<String>> form) {
        Design b = blank();
        Map<Integer, Map<String, String>> filters = new TreeMap<>();
        Map<Integer, Map<String, String>> newColumns = new TreeMap<>();
        Map<Integer, Map<String, String>> map = new TreeMap<>();
        Map<Integer, Map<Integer, String>> lookupValues = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : form.entrySet()) {
            Matcher m = INDEXED.matcher(e.getKey());
            if (!m.matches() || e.getValue().isEmpty()) {
                continue;
            }
            int i = Integer.parseInt(m.group(2));
            String value = e.getValue().get(e.getValue().size() - 1);
            if (m.group(4) != null) {
                lookupValues.computeIfAbsent(i, k -> new TreeMap<>()).put(Integer.parseInt(m.group(4)), value);
                continue;
            }
            (switch (m.group(1)) {
                case "filter" -> filters;
                case "new" -> newColumns;
                default -> map;
            }).computeIfAbsent(i, k -> new java.util.HashMap<>()).put(m.group(3), value);
        }
        List<Filter> fs = new ArrayList<>();
        filters.values().forEach(f -> fs.add(new Filter(f.getOrDefault("column", ""), f.getOrDefault("op", "eq"),
                f.getOrDefault("value", ""))));
        List<NewColumn> ncs = new ArrayList<>();
        newColumns.values().forEach(c -> ncs.add(new NewColumn(c.getOrDefault("name", "").strip(),
                c.getOrDefault("kind", "string"), "on".equals(c.get("include")), c.getOrDefault("from", ""),
                "on".equals(c.get("key")))));
        List<Column> cols = new ArrayList<>();
        map.forEach((i, c) -> {
            String target = c.getOrDefault("target", "");
            if (!target.isEmpty()) {
                List<String> values = new ArrayList<>(lookupValues.getOrDefault(i, Map.of()).values());
                cols.add(new Column(target, c.getOrDefault("kind", "none"), c.getOrDefault("column", ""),
                        c.getOrDefault("constant", ""), c.getOrDefault("label", ""), c.getOrDefault("choice", ""),
                        c.getOrDefault("lookupTable", ""), c.getOrDefault("lookupKey", ""), values,
                        c.getOrDefault("cel", "")));
            }
        });
        String table = one(form, "target.table", "");
        Source s = new Source(one(form, "source.connection", ""), one(form, "source.table", ""),
                one(form, "source.search", ""), one(form, "source.filterMode", "rows"), fs,
                one(form, "source.filterCel", ""), one(form, "source.incremental", "full"),
                one(form, "source.watermark", ""), "on".equals(one(form, "source.failOnExpiredToken", "")));
        Target t = new Target(one(form, "target.connection", ""), table, one(form, "target.search", ""),
                table.equals(NEW_TABLE), one(form, "new.name", ""), ncs, one(form, "target.write", "upsert"),
                one(form, "target.key", ""));
        int chunk;
        try {
            chunk = Integer.parseInt(one(form, "options.chunkSize", "500").strip());
        } catch (NumberFormatException e) {
            chunk = -1;
        }
        Options o = new Options(one(form, "options.onDelete", "ignore"), one(form, "options.markColumn", ""),
                one(form, "options.errors", "dead-letter"), chunk, one(form, "schedule.kind", "none"),
                one(form, "schedule.every", b.options().every()), one(form, "schedule.cron", b.options().cron()),
                one(form, "schedule.interval", b.options().interval()));
        int base;
        try {
            base = Integer.parseInt(one(form, "baseVersion", "0"));
        } catch (NumberFormatException e) {
            base = 0;
        }
        return new Design(one(form, "name", "").strip(), base, s, t, cols, one(form, "gridFor", ""), o);
    }

    /** The value of {@code target.table} while a new table is laid out. */
    public static final String NEW_TABLE = "+new";

    private static String one(Map<String, List<String>> form, String key, String fallback) {
        List<String> v = form.get(key);
        return v == null || v.isEmpty() || v.get(v.size() - 1) == null ? fallback : v.get(v.size() - 1);
    }
}
