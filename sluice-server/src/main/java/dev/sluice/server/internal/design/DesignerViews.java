package dev.sluice.server.internal.design;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.flow.CelCheck;
import dev.sluice.flow.CronExpression;
import dev.sluice.flow.Incremental;
import dev.sluice.flow.Interval;
import dev.sluice.flow.SourceFilter;
import dev.sluice.store.GrantLevel;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds what the designer shows for a design: the mapping grid (one row per target column, proposed from the source's
 * same-named columns when the target changes), the write keys the target offers, a new table's columns proposed from
 * the source, the filter as the source runs it and the schedule in words. Stateless.
 */
final class DesignerViews {
    /** Tables listed at once; the search narrows them. */
    static final int MAX_TABLES = 60;
    /** Kinds a new table's columns may have, by the form's value. */
    static final List<String> NEW_KINDS = List.of("string", "integer", "decimal", "double", "boolean", "datetime",
            "guid");
    private static final Pattern LOOKUP_NAME = Pattern.compile("_(.+)_value");
    private static final DateTimeFormatter WORDS = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Map<String, String> KIND_WORDS = map("none", "Nothing (leave empty)", "column",
            "Source column", "constant", "Constant", "label", "Label of a choice column", "choice",
            "Choice from a label", "lookup", "Lookup by alternate key", "cel", "CEL expression");

    private DesignerViews() {}

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The name a flow gives a target column: a Dataverse lookup's logical name rather than {@code _x_value}. */
    static String flowName(ColumnSchema c) {
        Matcher m = LOOKUP_NAME.matcher(c.name());
        return c.kind() == ColumnKind.LOOKUP && m.matches() ? m.group(1) : c.name();
    }

    /** The target's columns the grid shows: every writable one, and key columns. */
    static List<ColumnSchema> gridColumns(TableSchema t, List<String> key) {
        List<ColumnSchema> out = new ArrayList<>();
        for (ColumnSchema c : t.columns()) {
            if (c.writable() || key.contains(c.name()) || key.contains(flowName(c))) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * The grid's rows for the design's target: the rows chosen so far, or, for a target the grid was not made for,
     * a proposal copying source columns of the same name.
     */
    static List<Design.Column> normalise(Design d, TableSchema source, TableSchema target) {
        String gridKey = d.target().connection() + "/" + d.target().table();
        boolean fresh = !gridKey.equals(d.gridFor());
        List<Design.Column> out = new ArrayList<>();
        for (ColumnSchema c : gridColumns(target, DesignCompiler.keyList(d.target().key()))) {
            String name = flowName(c);
            Optional<Design.Column> chosen = fresh ? Optional.empty() : d.column(name);
            if (chosen.isPresent()) {
                out.add(chosen.get());
            } else if (fresh && source != null) {
                out.add(source.columns().stream().filter(s -> s.name().equalsIgnoreCase(name)
                        || flowName(s).equalsIgnoreCase(name)).findFirst().map(s -> Design.Column.copy(name, s.name()))
                        .orElse(Design.Column.none(name)));
            } else {
                out.add(Design.Column.none(name));
            }
        }
        return out;
    }

    /** Mapped targets of the design that the target table does not have. */
    static List<String> unknownTargets(Design d, TableSchema target) {
        Set<String> known = new HashSet<>();
        target.columns().forEach(c -> known.add(flowName(c)));
        return d.columns().stream().map(Design.Column::target).filter(t -> !known.contains(t)).toList();
    }

    /** The grid rows, with what each may take and its live check. */
    static List<DesignerView.GridRow> grid(Design d, TableSchema source, TableSchema target, boolean dataverseTarget,
            java.util.function.Function<String, TableSchema> lookupTable) {
        List<DesignerView.GridRow> rows = new ArrayList<>();
        List<String> key = DesignCompiler.keyList(d.target().key());
        boolean sourceChoices = source != null && source.columns().stream().anyMatch(c -> !c.choices().isEmpty());
        List<ColumnSchema> columns = gridColumns(target, key);
        for (int i = 0; i < columns.size() && i < d.columns().size(); i++) {
            ColumnSchema c = columns.get(i);
            Design.Column v = d.columns().get(i);
            List<String> offered = new ArrayList<>(List.of("none", "column", "constant"));
            if (sourceChoices) {
                offered.add("label");
            }
            if (c.kind() == ColumnKind.CHOICE && !c.choices().isEmpty()) {
                offered.add("choice");
            }
            boolean lookup = c.kind() == ColumnKind.LOOKUP && dataverseTarget && !c.targets().isEmpty();
            if (lookup) {
                offered.add("lookup");
            }
            offered.add("cel");
            String kind = v.kind();
            List<DesignerView.Option> kinds = offered.stream().map(k -> new DesignerView.Option(k, KIND_WORDS.get(k),
                    k.equals(kind))).toList();
            List<DesignerView.Option> lookupKeys = List.of();
            List<String> keyColumns = List.of();
            if (lookup && v.kind().equals("lookup")) {
                String table = c.targets().contains(v.lookupTable()) ? v.lookupTable() : c.targets().get(0);
                TableSchema lt = lookupTable.apply(table);
                if (lt != null) {
                    List<String> joined = lt.uniqueKeys().stream().map(k -> String.join(",", k)).toList();
                    String chosen = joined.contains(v.lookupKey()) ? v.lookupKey() : joined.isEmpty() ? ""
                            : joined.get(0);
                    lookupKeys = joined.stream().map(k -> new DesignerView.Option(k, k.replace(",", " + "),
                            k.equals(chosen))).toList();
                    keyColumns = DesignCompiler.keyList(chosen);
                    v = new Design.Column(v.target(), v.kind(), v.column(), v.constant(), v.label(), v.choice(), table,
                            chosen, v.lookupValues(), v.cel());
                }
            }
            DesignerView.CelView check = null;
            if (source != null && v.kind().equals("cel") && !v.cel().isBlank()) {
                check = cel(source, v.cel(), c);
            } else if (source != null && v.kind().equals("choice") && !v.choice().isBlank()) {
                check = cel(source, v.choice(), null);
            }
            rows.add(new DesignerView.GridRow(i, flowName(c), DesignerView.kind(c), c.required(),
                    key.contains(c.name()) || key.contains(flowName(c)), kinds, v, c.targets(), lookupKeys, keyColumns,
                    new java.util.TreeMap<>(c.choices()).values().stream().toList(), check));
        }
        return rows;
    }

    /** A live check of one expression, as the validator would judge it. */
    static DesignerView.CelView cel(TableSchema source, String text, ColumnSchema target) {
        CelCheck.Result r = CelCheck.check(source, text, target);
        if (r.ok()) {
            return new DesignerView.CelView(true, "OK: gives " + r.resultType()
                    + (r.columns().isEmpty() ? "" : ", reads " + String.join(", ", r.columns())), text, -1);
        }
        return new DesignerView.CelView(false, r.message() + (r.suggestion() == null ? ""
                : " (did you mean '" + r.suggestion() + "'?)"), text, r.offset());
    }

    /** The write keys the target offers: its primary key, then its unique (alternate) keys. */
    static List<DesignerView.Option> keys(TableSchema t, String chosen) {
        List<DesignerView.Option> out = new ArrayList<>();
        if (t == null) {
            return out;
        }
        List<List<String>> all = new ArrayList<>();
        if (!t.primaryKey().isEmpty()) {
            all.add(t.primaryKey());
        }
        all.addAll(t.uniqueKeys());
        for (int i = 0; i < all.size(); i++) {
            List<String> k = all.get(i).stream().map(n -> t.column(n).map(DesignerViews::flowName).orElse(n)).toList();
            String v = String.join(",", k);
            out.add(new DesignerView.Option(v, String.join(" + ", k) + (i == 0 && !t.primaryKey().isEmpty()
                    ? " (primary key)" : " (unique key)"), v.equals(chosen)));
        }
        return out;
    }

    /** A new table's columns proposed from the source: same names (lower case), kinds kept, its primary key. */
    static List<Design.NewColumn> proposeColumns(TableSchema source) {
        List<Design.NewColumn> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (ColumnSchema c : source.columns()) {
            String name = sqlName(flowName(c));
            for (int n = 2; !taken.add(name); n++) {
                name = sqlName(flowName(c)) + "_" + n;
            }
            String kind = switch (c.kind()) {
                case CHOICE -> "integer";
                case LOOKUP -> "guid";
                case OTHER -> "string";
                default -> c.kind().name().toLowerCase(Locale.ROOT);
            };
            out.add(new Design.NewColumn(name, kind, true, c.name(), source.primaryKey().contains(c.name())));
        }
        return out;
    }

    /** A name a new SQL table or column may have: lower case, letters, digits and '_'. */
    static String sqlName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (n.isEmpty() || Character.isDigit(n.charAt(0))) {
            n = "_" + n;
        }
        return n.length() > 63 ? n.substring(0, 63) : n;
    }

    /** The filter as the source runs it, or null without a filter. */
    static DesignerView.FilterView filter(Design d, Resolved r, List<FieldProblem> problems) {
        if (r.sourceSchema == null) {
            return null;
        }
        List<FieldProblem> rowProblems = new ArrayList<>();
        String cel = DesignCompiler.where(d, r.sourceSchema, rowProblems);
        problems.addAll(rowProblems);
        if (cel.isEmpty()) {
            return null;
        }
        Incremental inc = d.source().incremental().equals("change-tracking") ? new Incremental.ChangeTracking(false)
                : new Incremental.Full();
        SourceFilter.Text t = SourceFilter.describeSafely(r.source, r.sourceSchema, cel, inc);
        return new DesignerView.FilterView(cel, t.pushed(), t.inMemory(), t.why(), t.problem(), t.offset());
    }

    /** The schedule in words, with its next five times for a cron expression. */
    static DesignerView.ScheduleView schedule(Design.Options o, Instant now) {
        switch (o.schedule()) {
            case "every" -> {
                return Interval.parse(o.every()).map(i -> new DesignerView.ScheduleView("Runs " + Interval.words(i)
                        + " after the previous run ends.", List.of(), null)).orElse(new DesignerView.ScheduleView("",
                        List.of(), "write the interval as 30s, 15m, 2h or 1d"));
            }
            case "cron" -> {
                try {
                    CronExpression c = CronExpression.parse(o.cron());
                    List<String> next = c.next(now, 5).stream().map(WORDS::format).toList();
                    return new DesignerView.ScheduleView("Runs " + c.describe() + ".", next, next.isEmpty()
                            ? "this expression never comes round (e.g. 30 February)" : null);
                } catch (SluiceException e) {
                    return new DesignerView.ScheduleView("", List.of(), e.getMessage());
                }
            }
            case "trigger" -> {
                return Interval.parse(o.interval()).map(i -> new DesignerView.ScheduleView("Looks for new or changed "
                        + "source rows " + Interval.words(i) + " and runs when it finds some.", List.of(), null))
                        .orElse(new DesignerView.ScheduleView("", List.of(), "write the interval as 30s, 15m, 2h or 1d"));
            }
            default -> {
                return new DesignerView.ScheduleView("Runs only when someone runs it (Run now, or the API).", List.of(),
                        null);
            }
        }
    }

    /** The source's columns as choices, each with its kind. */
    static List<DesignerView.Option> sourceColumns(TableSchema s) {
        if (s == null) {
            return List.of();
        }
        return s.columns().stream().map(c -> new DesignerView.Option(c.name(), c.name() + " (" + DesignerView.kind(c)
                + (c.choices().isEmpty() ? "" : ", " + c.choices().size() + " labels") + ")", false)).toList();
    }

    /** Target columns that may mark a row deleted at the source: date-times and yes/no columns outside the key. */
    static List<String> markColumns(TableSchema t, String key) {
        if (t == null) {
            return List.of();
        }
        List<String> k = DesignCompiler.keyList(key);
        return t.columns().stream().filter(c -> c.writable() && !k.contains(c.name()) && (c.kind() == ColumnKind.DATETIME
                || c.kind() == ColumnKind.BOOLEAN)).map(ColumnSchema::name).toList();
    }

    /** Source columns a watermark may follow: date-times, numbers, text. */
    static List<String> watermarkColumns(TableSchema s) {
        if (s == null) {
            return List.of();
        }
        return s.columns().stream().filter(c -> Set.of(ColumnKind.DATETIME, ColumnKind.INTEGER, ColumnKind.DECIMAL,
                ColumnKind.STRING).contains(c.kind())).map(ColumnSchema::name).toList();
    }

    /** Whether the caller may lay out a new table on this target. */
    static boolean mayCreateTable(Endpoints.Endpoint target) {
        return target != null && target.database() && target.level().includes(GrantLevel.MANAGE);
    }
}
