package dev.sluice.server.internal.design;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.TableSchema;
import dev.sluice.core.WriteMode;
import dev.sluice.flow.CelCheck;
import dev.sluice.flow.ColumnMapping;
import dev.sluice.flow.CronExpression;
import dev.sluice.flow.ErrorPolicy;
import dev.sluice.flow.FlowDefinition;
import dev.sluice.flow.Incremental;
import dev.sluice.flow.Mapping;
import dev.sluice.flow.OnDelete;
import dev.sluice.flow.SourceSpec;
import dev.sluice.flow.TargetSpec;
import dev.sluice.flow.Trigger;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a {@link Design} into the {@link FlowDefinition} it describes, with the source and target schemas it was made
 * against: the filter rows become the CEL {@code where}, each grid row a mapping, {@code select} the source columns
 * the flow reads. What the form lacks or gets wrong is reported per field; the flow's own checks (types, keys, CEL)
 * are left to {@code FlowValidator}, as for every flow. Stateless.
 */
public final class DesignCompiler {
    /** Flow names go into URLs and the store's VARCHAR(100) columns. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** Dataverse: at most 1000 operations per bulk request, as the flow parser allows. */
    private static final int MAX_CHUNK = 1000;

    private DesignCompiler() {}

    /** The flow, or null with the problems added. */
    public static FlowDefinition compile(Design d, TableSchema source, TableSchema target, List<FieldProblem> problems) {
        int before = problems.size();
        if (!NAME.matcher(d.name()).matches()) {
            problems.add(new FieldProblem("flow-name", "give the flow a name: letters, digits, '.', '_' and '-', "
                    + "starting with a letter or digit (e.g. accounts-to-warehouse)"));
        }
        if (d.source().connection().isEmpty() || d.source().table().isEmpty() || source == null) {
            problems.add(new FieldProblem("source-table", "choose the source connection and table"));
        }
        if (d.target().connection().isEmpty() || d.target().table().isEmpty() || target == null) {
            problems.add(new FieldProblem("target-table", d.target().newTable() ? "create the new table first "
                    + "(Create table), or choose an existing one" : "choose the target connection and table"));
        }
        if (problems.size() > before) {
            return null;
        }
        String where = where(d, source, problems);
        Incremental inc = incremental(d, problems);
        List<ColumnMapping> mappings = mappings(d, target, problems);
        WriteMode write = write(d.target().write());
        List<String> key = write == WriteMode.CREATE ? List.of() : keyList(d.target().key());
        if (write != WriteMode.CREATE && key.isEmpty()) {
            problems.add(new FieldProblem("target-key", "choose the key that finds a target row for "
                    + d.target().write()));
        }
        Design.Options o = d.options();
        OnDelete onDelete = switch (o.onDelete()) {
            case "delete" -> OnDelete.DELETE;
            case "mark" -> OnDelete.MARK;
            default -> OnDelete.IGNORE;
        };
        String mark = null;
        if (onDelete == OnDelete.MARK) {
            mark = o.markColumn().isBlank() ? null : o.markColumn();
            if (mark == null) {
                problems.add(new FieldProblem("mark-column", "choose the column that marks a row deleted at the "
                        + "source (a date-time or a yes/no column)"));
            }
        }
        if (onDelete != OnDelete.IGNORE && write != WriteMode.UPSERT && write != WriteMode.UPDATE) {
            problems.add(new FieldProblem("on-delete", "deleting or marking rows deleted at the source needs the write "
                    + "mode upsert or update"));
        }
        if (o.chunkSize() < 1 || o.chunkSize() > MAX_CHUNK) {
            problems.add(new FieldProblem("chunk-size", "records per chunk must be a whole number from 1 to "
                    + MAX_CHUNK));
        }
        String schedule = null;
        Trigger trigger = null;
        switch (o.schedule()) {
            case "every" -> {
                schedule = "every " + o.every().strip();
                if (dev.sluice.flow.Interval.parse(schedule).isEmpty()) {
                    problems.add(new FieldProblem("schedule-every", "write the interval as 30s, 15m, 2h or 1d"));
                }
            }
            case "cron" -> {
                schedule = "cron " + o.cron().strip().replaceAll("\\s+", " ");
                try {
                    CronExpression.parse(o.cron());
                } catch (dev.sluice.core.SluiceException e) {
                    problems.add(new FieldProblem("schedule-cron", e.getMessage()));
                }
            }
            case "trigger" -> {
                Duration every = dev.sluice.flow.Interval.parse(o.interval()).orElse(null);
                if (every == null) {
                    problems.add(new FieldProblem("schedule-interval", "write how often to look for changes as 30s, "
                            + "15m, 2h or 1d"));
                } else if (inc instanceof Incremental.Full) {
                    problems.add(new FieldProblem("schedule-kind", "a trigger runs the flow when rows are new or "
                            + "changed, so it needs an incremental read (change tracking or a watermark column)"));
                } else {
                    trigger = new Trigger(Trigger.Kind.NEW_OR_UPDATED, every);
                }
            }
            default -> {
                // no schedule: the flow runs when someone runs it
            }
        }
        if (problems.size() > before) {
            return null;
        }
        List<String> select = select(d, source, mappings, where, inc);
        return new FlowDefinition(d.name(), new SourceSpec(d.source().connection(), d.source().table(), select,
                where.isEmpty() ? null : where, inc, trigger), mappings,
                new TargetSpec(d.target().connection(), d.target().table(), write, key, o.chunkSize(), onDelete, mark),
                o.errors().equals("fail") ? ErrorPolicy.FAIL : ErrorPolicy.DEAD_LETTER, schedule, Map.of());
    }

    /** The filter as CEL: the rows, or the expression in CEL mode. */
    static String where(Design d, TableSchema source, List<FieldProblem> problems) {
        if (d.source().filterMode().equals("cel")) {
            return d.source().filterCel().strip();
        }
        return FilterText.cel(d.source().filters(), source, problems);
    }

    private static Incremental incremental(Design d, List<FieldProblem> problems) {
        return switch (d.source().incremental()) {
            case "change-tracking" -> new Incremental.ChangeTracking(d.source().failOnExpiredToken());
            case "watermark" -> {
                if (d.source().watermark().isBlank()) {
                    problems.add(new FieldProblem("watermark", "choose the column that grows with every change "
                            + "(e.g. modifiedon)"));
                    yield new Incremental.Full();
                }
                yield new Incremental.Watermark(d.source().watermark());
            }
            default -> new Incremental.Full();
        };
    }

    private static WriteMode write(String w) {
        try {
            return WriteMode.valueOf(w.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // the form offers only the four modes; anything else (a hand-made request) is the default, upsert
            return WriteMode.UPSERT;
        }
    }

    static List<String> keyList(String key) {
        List<String> out = new ArrayList<>();
        for (String k : key.split(",")) {
            if (!k.isBlank()) {
                out.add(k.strip());
            }
        }
        return out;
    }

    private static List<ColumnMapping> mappings(Design d, TableSchema target, List<FieldProblem> problems) {
        List<ColumnMapping> out = new ArrayList<>();
        for (int i = 0; i < d.columns().size(); i++) {
            Design.Column c = d.columns().get(i);
            String field = "m-" + i + "-";
            Mapping m = switch (c.kind()) {
                case "column" -> c.column().isEmpty() ? missing(problems, field + "column", c, "choose the source "
                        + "column") : new Mapping.Expression(FilterText.ref(c.column()));
                case "constant" -> new Mapping.Constant(constant(c.constant(), targetColumn(target, c.target())));
                case "label" -> c.label().isEmpty() ? missing(problems, field + "label", c, "choose the source choice "
                        + "column whose label to write") : new Mapping.ChoiceLabel(c.label());
                case "choice" -> c.choice().isBlank() ? missing(problems, field + "choice", c, "give the source column "
                        + "(or CEL) holding the label") : new Mapping.ChoiceValue(c.choice().strip());
                case "cel" -> c.cel().isBlank() ? missing(problems, field + "cel", c, "write the CEL expression")
                        : new Mapping.Expression(c.cel().strip());
                case "lookup" -> lookup(c, field, problems);
                default -> null;
            };
            if (m != null) {
                out.add(new ColumnMapping(c.target(), m));
            }
        }
        if (out.isEmpty() && problems.isEmpty()) {
            problems.add(new FieldProblem("mapping", "map at least one target column"));
        }
        return out;
    }

    private static Mapping missing(List<FieldProblem> problems, String field, Design.Column c, String what) {
        problems.add(new FieldProblem(field, "column '" + c.target() + "': " + what));
        return null;
    }

    private static Mapping lookup(Design.Column c, String field, List<FieldProblem> problems) {
        List<String> key = keyList(c.lookupKey());
        if (c.lookupTable().isEmpty() || key.isEmpty()) {
            return missing(problems, field + "lookup-key", c, "choose the table and the alternate key to find the row "
                    + "by");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int k = 0; k < key.size(); k++) {
            String v = k < c.lookupValues().size() ? c.lookupValues().get(k).strip() : "";
            if (v.isEmpty()) {
                return missing(problems, field + "lookup-value-" + k, c, "give the source column (or CEL) for key "
                        + "column '" + key.get(k) + "'");
            }
            values.put(key.get(k), v);
        }
        return new Mapping.Lookup(c.lookupTable(), values);
    }

    private static ColumnSchema targetColumn(TableSchema t, String name) {
        return t.column(name).or(() -> t.column("_" + name + "_value")).orElse(null);
    }

    /** A constant typed as its target column takes it; empty text is null; text that does not fit stays text. */
    static Object constant(String text, ColumnSchema c) {
        if (text.isEmpty()) {
            return null;
        }
        String v = text.strip();
        ColumnKind k = c == null ? ColumnKind.STRING : c.kind();
        if ((k == ColumnKind.INTEGER || k == ColumnKind.CHOICE) && v.matches("-?\\d{1,18}")) {
            return Long.parseLong(v);
        }
        if ((k == ColumnKind.DECIMAL || k == ColumnKind.DOUBLE) && v.matches("-?\\d+(\\.\\d+)?")) {
            return v.contains(".") ? new BigDecimal(v) : (Object) Long.parseLong(v);
        }
        if (k == ColumnKind.BOOLEAN && (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(v.toLowerCase(Locale.ROOT));
        }
        return text;
    }

    /**
     * The source columns the flow reads: those its filter, mappings and watermark use, found by compiling each
     * expression against the source (an expression that does not compile adds nothing; the validator reports it).
     */
    static List<String> select(Design d, TableSchema source, List<ColumnMapping> mappings, String where,
            Incremental inc) {
        Set<String> out = new LinkedHashSet<>();
        for (ColumnMapping m : mappings) {
            if (m.mapping() instanceof Mapping.Expression e) {
                out.addAll(CelCheck.check(source, e.cel(), null).columns());
            } else if (m.mapping() instanceof Mapping.ChoiceValue cv) {
                out.addAll(CelCheck.check(source, cv.cel(), null).columns());
            } else if (m.mapping() instanceof Mapping.ChoiceLabel cl) {
                out.add(cl.column());
            } else if (m.mapping() instanceof Mapping.Lookup l) {
                l.key().values().forEach(v -> out.addAll(CelCheck.check(source, v, null).columns()));
            }
        }
        if (!where.isEmpty()) {
            out.addAll(CelCheck.check(source, where, null).columns());
        }
        if (inc instanceof Incremental.Watermark w) {
            out.add(w.column());
        }
        List<String> ordered = new ArrayList<>();
        source.columns().forEach(c -> {
            if (out.contains(c.name())) {
                ordered.add(c.name());
            }
        });
        return ordered;
    }
}
