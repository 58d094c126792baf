package dev.sluice.flow;

import dev.cel.common.types.CelKind;
import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.RecordProvider;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.dataverse.FetchXmlRecordProvider;
import dev.sluice.flow.internal.ColumnRule;
import dev.sluice.flow.internal.DeclaredConnections;
import dev.sluice.flow.internal.Expression;
import dev.sluice.flow.internal.ExpressionCompiler;
import dev.sluice.flow.internal.LookupRule;
import dev.sluice.core.NearestName;
import dev.sluice.flow.internal.RecordMapper;
import dev.sluice.flow.internal.ValueConverter;
import dev.sluice.flow.internal.WherePlan;
import dev.sluice.flow.internal.WherePushDown;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a parsed flow against the real systems before it may run: connections exist, tables and columns
 * exist (through the providers' {@code describe}), values fit their target columns' types, CEL expressions
 * compile with the source columns as typed variables, and write keys are unique keys of the target. Every
 * problem names the file, line and column, with a suggestion where one is close. Thread-safe.
 */
public final class FlowValidator {
    /** Columns listed in a message about an unknown column; a Dataverse table has hundreds. */
    private static final int LISTED = 60;
    private final ConnectionResolver resolver;
    private final Map<String, String> environment;

    /** Resolves connections the flow file does not declare through {@code resolver}. */
    public FlowValidator(ConnectionResolver resolver) {
        this(resolver, System.getenv());
    }

    /** As above, reading declared connections' passwords and tokens from {@code environment}. */
    public FlowValidator(ConnectionResolver resolver, Map<String, String> environment) {
        this.resolver = resolver;
        this.environment = Map.copyOf(environment);
    }

    /** Parses, then checks, a flow file; see {@link #check(String, String)}. */
    public CheckedFlow check(java.nio.file.Path file) {
        String text;
        try {
            text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "cannot read flow file " + file + " ("
                    + e.getClass().getSimpleName() + "); check the path");
        }
        return check(file.toString(), text);
    }

    /**
     * Parses and checks flow YAML, reporting every problem at once: those of the file itself and, as far as the
     * file can be read, those the connections, tables, columns and expressions show. {@code file} names it in
     * messages.
     */
    public CheckedFlow check(String file, String text) {
        FlowParser.Result parsed = FlowParser.parseAll(file, text);
        if (parsed.problems().isEmpty()) {
            return check(parsed.flow());
        }
        List<FlowProblem> all = new ArrayList<>(parsed.problems());
        if (parsed.flow() != null) {
            try (CheckedFlow checked = check(parsed.flow())) {
                // the rest of the flow is fine; the file's own problems stand
            } catch (FlowException e) {
                e.problems().stream().filter(p -> !all.contains(p)).forEach(all::add);
            }
        }
        all.sort(FlowProblem.IN_FILE_ORDER);
        throw new FlowException(all);
    }

    /** The checked flow, ready to run; a {@link FlowException} with every problem otherwise. */
    public CheckedFlow check(ParsedFlow flow) {
        return new Run(flow).check();
    }

    /** The state of one check. */
    private final class Run {
        private final ParsedFlow flow;
        private final FlowDefinition def;
        private final List<FlowProblem> problems = new ArrayList<>();
        private final List<RecordProvider> opened = new ArrayList<>();
        private boolean fileTarget;
        private boolean remembersKeys;

        Run(ParsedFlow flow) {
            this.flow = flow;
            this.def = flow.definition();
        }

        CheckedFlow check() {
            ConnectionResolver all = new DeclaredConnections(def.connections(), environment).orElse(resolver);
            try {
                RecordProvider source = open(all, def.source().connection(), "source.connection");
                if (source != null && def.source().fetchXml() != null) {
                    source = fetchXmlSource(source);
                }
                RecordProvider target = open(all, def.target().connection(), "target.connection");
                TableSchema s = source == null ? null : describe(source, def.source().table(), "source.table");
                fileTarget = target != null && SharedProvider.unwrap(target) instanceof FileRecordProvider;
                TableSchema t = target == null ? null
                        : fileTarget && !((FileRecordProvider) SharedProvider.unwrap(target)).exists(def.target().table())
                        ? new TableSchema(def.target().table(), List.of(), List.of(), List.of())
                        : describe(target, def.target().table(), "target.table");
                if (s == null || t == null) {
                    throw new FlowException(problems);
                }
                List<String> read = readColumns(s, source);
                ExpressionCompiler cel = new ExpressionCompiler(s, read);
                Expression where = null;
                if (def.source().where() != null) {
                    where = expression(cel, def.source().where(), "source.where");
                    if (where != null && where.resultKind() != CelKind.BOOL && where.resultKind() != CelKind.DYN) {
                        add("source.where", "source.where must be true or false, but gives " + where.resultTypeName(),
                                null);
                    }
                }
                List<ColumnRule> rules = rules(cel, s, t, target);
                List<String> key = key(t);
                ColumnSchema mark = deletes(cel, s, t, read);
                if (!problems.isEmpty()) {
                    problems.sort(FlowProblem.IN_FILE_ORDER);
                    throw new FlowException(problems);
                }
                WherePlan plan = wherePlan(where, s, source, cel);
                RecordMapper keyMapper = new RecordMapper(rules.stream().filter(r -> key.contains(r.writeName()))
                        .toList());
                return new CheckedFlow(flow, source, target, s, t, read, where, new RecordMapper(rules), key, plan,
                        keyMapper, mark, remembersKeys);
            } catch (RuntimeException e) {
                opened.forEach(RecordProvider::close);
                throw e;
            }
        }

        /** The FetchXML query of a Dataverse connection as the source provider; null (and a problem) otherwise. */
        private RecordProvider fetchXmlSource(RecordProvider connection) {
            if (!(SharedProvider.unwrap(connection) instanceof DataverseRecordProvider d)) {
                add("source.fetchxml", "a fetchxml source needs a Dataverse connection; '"
                        + def.source().connection() + "' is not one", null);
                return null;
            }
            try {
                return new FetchXmlSource(new FetchXmlRecordProvider(d.client(), def.source().table(),
                        def.source().fetchXml()), connection);
            } catch (SluiceException e) {
                add("source.fetchxml", "the fetchxml cannot be used: " + e.getMessage(), null);
                return null;
            }
        }

        /** What the source evaluates of {@code where}, and what is left for memory. */
        private WherePlan wherePlan(Expression where, TableSchema s, RecordProvider source, ExpressionCompiler cel) {
            RecordProvider p = SharedProvider.unwrap(source);
            if (where == null) {
                return WherePlan.NONE;
            }
            if (def.source().incremental() instanceof Incremental.ChangeTracking) {
                return WherePlan.inMemory(where, "change tracking reads cannot be filtered by Dataverse");
            }
            if (p instanceof DataverseRecordProvider) {
                return WherePushDown.plan(where, s, WherePushDown.Dialect.DATAVERSE, cel);
            }
            if (p instanceof JdbcRecordProvider) {
                return WherePushDown.plan(where, s, WherePushDown.Dialect.SQL, cel);
            }
            return WherePlan.inMemory(where, p instanceof FileRecordProvider ? "files are read whole" : null);
        }

        /**
         * Checks {@code on-delete}: a read that can see deletions, keys a deleted row can be found by, and a mark
         * column that can take a time or a flag. Returns the mark column, or null. A change-tracking flow whose key is
         * not mapped from the source's primary key remembers the key each source row was written under
         * ({@link #remembersKeys}); that key must then come from the source row alone.
         */
        private ColumnSchema deletes(ExpressionCompiler cel, TableSchema s, TableSchema t, List<String> read) {
            TargetSpec target = def.target();
            if (target.onDelete() == OnDelete.IGNORE) {
                return null;
            }
            Incremental inc = def.source().incremental();
            if (inc instanceof Incremental.Watermark) {
                add("target.on-delete", "on-delete needs 'incremental: change-tracking' or a full read (no "
                        + "'incremental'): a watermark read never sees deleted rows", null);
            }
            if (inc instanceof Incremental.ChangeTracking) {
                for (ColumnMapping m : def.mappings()) {
                    Optional<ColumnSchema> c = targetColumn(t, m.target());
                    if (c.isEmpty() || !target.key().contains(m.target()) && !target.key().contains(c.get().name())) {
                        continue;
                    }
                    if (m.mapping() instanceof Mapping.Lookup) {
                        add("map." + m.target(), "on-delete: key column '" + m.target() + "' is a lookup; a row "
                                + "deleted in Dataverse comes back as its id only, so the flow remembers the key each "
                                + "row was written under, and a lookup's value is resolved by the target, not kept: "
                                + "key by columns mapped from the source's columns", null);
                        continue;
                    }
                    Set<String> reads = m.mapping() instanceof Mapping.Constant ? Set.of()
                            : m.mapping() instanceof Mapping.Expression e && cel.compile(e.cel()) instanceof Expression x
                            ? x.columns() : m.mapping() instanceof Mapping.ChoiceLabel l ? Set.of(l.column())
                            : m.mapping() instanceof Mapping.ChoiceValue v
                                    && cel.compile(v.cel()) instanceof Expression x ? x.columns() : Set.of();
                    if (s.primaryKey().containsAll(reads)) {
                        continue; // a deleted row's id gives this key column's value
                    }
                    remembersKeys = true;
                    for (String col : reads) {
                        boolean inRow = col.equals(dev.sluice.flow.internal.CelValues.ROW)
                                || s.column(col).isPresent() && (read.isEmpty() || read.contains(col));
                        if (!inRow) {
                            add("map." + m.target(), "on-delete: key column '" + m.target() + "' is computed from '"
                                    + col + "', which is not a column read from '" + s.name() + "'; a deleted row's "
                                    + "key is remembered from what the flow wrote, so the key must come from the "
                                    + "source row's own columns"
                                    + (s.column(col).isPresent() ? " (add '" + col + "' to source.select)" : ""),
                                    null);
                        }
                    }
                }
            }
            if (target.onDelete() != OnDelete.MARK) {
                return null;
            }
            Optional<ColumnSchema> c = targetColumn(t, target.markColumn());
            if (c.isEmpty()) {
                add("target.mark-column", "unknown column '" + target.markColumn() + "' on table '" + t.name() + "'",
                        NearestName.of(target.markColumn(), names(t)));
                return null;
            }
            if (!c.get().writable()) {
                add("target.mark-column", "column '" + target.markColumn() + "' of '" + t.name() + "' cannot be "
                        + "written", null);
                return null;
            }
            if (!Set.of(ColumnKind.DATETIME, ColumnKind.BOOLEAN, ColumnKind.OTHER).contains(c.get().kind())) {
                add("target.mark-column", "mark column '" + target.markColumn() + "' is "
                        + c.get().kind().name().toLowerCase(Locale.ROOT) + "; it must be a date-time (set to when "
                        + "the deletion was seen) or a boolean (set to true)", null);
                return null;
            }
            if (target.key().contains(target.markColumn())) {
                add("target.mark-column", "the mark column cannot be part of the key", null);
                return null;
            }
            return c.get();
        }

        private RecordProvider open(ConnectionResolver all, String name, String path) {
            Optional<RecordProvider> p;
            try {
                p = all.open(name);
            } catch (SluiceException e) {
                add(path, "connection '" + name + "' cannot be opened: " + e.getMessage(), null);
                return null;
            }
            if (p.isEmpty()) {
                add(path, "unknown connection '" + name + "'; declare it under 'connections:' or create it in the "
                        + "engine store", NearestName.of(name, all.names()));
                return null;
            }
            opened.add(p.get());
            return p.get();
        }

        private TableSchema describe(RecordProvider p, String table, String path) {
            try {
                return p.describe(table);
            } catch (SluiceException e) {
                if (e.kind() != ErrorKind.NOT_FOUND && e.kind() != ErrorKind.INVALID_INPUT) {
                    add(path, "cannot describe table '" + table + "': " + e.getMessage(), null);
                    return null;
                }
                List<String> tables;
                try {
                    tables = p.tables();
                } catch (SluiceException e2) {
                    tables = List.of();
                }
                add(path, "unknown table '" + table + "'", NearestName.of(table, tables));
                return null;
            }
        }

        private List<String> readColumns(TableSchema s, RecordProvider source) {
            List<String> select = def.source().select();
            for (int i = 0; i < select.size(); i++) {
                if (s.column(select.get(i)).isEmpty()) {
                    add("source.select[" + i + "]", "unknown column '" + select.get(i) + "' on table '" + s.name()
                            + "'", NearestName.of(select.get(i), names(s)));
                }
            }
            Set<String> read = new LinkedHashSet<>(select);
            Incremental inc = def.source().incremental();
            if (inc instanceof Incremental.Watermark w) {
                Optional<ColumnSchema> c = s.column(w.column());
                if (c.isEmpty()) {
                    add("source.incremental.watermark", "unknown column '" + w.column() + "' on table '" + s.name()
                            + "'", NearestName.of(w.column(), names(s)));
                } else if (!Set.of(ColumnKind.DATETIME, ColumnKind.INTEGER, ColumnKind.DECIMAL, ColumnKind.STRING)
                        .contains(c.get().kind())) {
                    add("source.incremental.watermark", "watermark column '" + w.column() + "' is "
                            + c.get().kind().name().toLowerCase(Locale.ROOT) + "; it must be a date-time, number or "
                            + "text that grows with every change", null);
                }
                if (s.primaryKey().isEmpty()) {
                    add("source.incremental", "a watermark needs a primary key on '" + s.name() + "' to break ties "
                            + "between rows changed at the same moment", null);
                }
                if (!select.isEmpty()) {
                    read.add(w.column());
                }
            }
            if (inc instanceof Incremental.ChangeTracking
                    && !(SharedProvider.unwrap(source) instanceof DataverseRecordProvider)) {
                add("source.incremental", "change tracking needs a Dataverse source; use "
                        + "'incremental: {watermark: COLUMN}' for connection '" + def.source().connection() + "'", null);
            }
            if (!select.isEmpty()) {
                read.addAll(s.primaryKey());
            }
            return select.isEmpty() ? List.of() : List.copyOf(read);
        }

        private List<ColumnRule> rules(ExpressionCompiler cel, TableSchema s, TableSchema t, RecordProvider target) {
            List<ColumnRule> rules = new ArrayList<>();
            if (def.mappings().isEmpty()) {
                add("map", "the flow maps no columns; add a 'map' section (target column: source column)", null);
            }
            for (ColumnMapping m : def.mappings()) {
                String path = "map." + m.target();
                Optional<ColumnSchema> col = targetColumn(t, m.target());
                if (col.isEmpty()) {
                    add(path + "#key", "unknown column '" + m.target() + "' on table '" + t.name() + "'"
                            + columnsOf(t), NearestName.of(m.target(), names(t)));
                    continue;
                }
                ColumnSchema c = col.get();
                if (!c.writable() && def.target().write() != WriteMode.DELETE) {
                    add(path + "#key", "column '" + m.target() + "' of '" + t.name() + "' cannot be written", null);
                    continue;
                }
                ColumnRule rule = rule(cel, s, t, target, m, c, path);
                if (rule != null) {
                    rules.add(rule);
                }
            }
            return rules;
        }

        private ColumnRule rule(ExpressionCompiler cel, TableSchema s, TableSchema t, RecordProvider target,
                ColumnMapping m, ColumnSchema c, String path) {
            Mapping mapping = m.mapping();
            if (mapping instanceof Mapping.Constant k) {
                Object v;
                try {
                    v = ValueConverter.convert(k.value(), c);
                } catch (SluiceException e) {
                    add(path, e.getMessage(), null);
                    return null;
                }
                return new ColumnRule(m.target(), c.name(), r -> v);
            }
            if (mapping instanceof Mapping.Expression e) {
                Expression x = expression(cel, e.cel(), path);
                if (x == null || !fits(x, c, path)) {
                    return null;
                }
                return new ColumnRule(m.target(), c.name(), r -> ValueConverter.convert(x.evaluate(r), c));
            }
            if (mapping instanceof Mapping.ChoiceValue cv) {
                if (c.kind() != ColumnKind.CHOICE || c.choices().isEmpty()) {
                    add(path, "map '" + m.target() + "': {choice: …} needs a choice column, but '" + c.name()
                            + "' is " + c.kind().name().toLowerCase(Locale.ROOT), null);
                    return null;
                }
                Expression x = expression(cel, cv.cel(), path + ".choice");
                if (x == null) {
                    return null;
                }
                return new ColumnRule(m.target(), c.name(), r -> choiceValue(x.evaluate(r), c));
            }
            if (mapping instanceof Mapping.ChoiceLabel cl) {
                Optional<ColumnSchema> sc = s.column(cl.column());
                if (sc.isEmpty()) {
                    add(path + ".label", "unknown column '" + cl.column() + "' on table '" + s.name() + "'",
                            NearestName.of(cl.column(), names(s)));
                    return null;
                }
                if (sc.get().choices().isEmpty()) {
                    add(path + ".label", "map '" + m.target() + "': column '" + cl.column() + "' of '" + s.name()
                            + "' has no choice labels", null);
                    return null;
                }
                Map<Integer, String> labels = sc.get().choices();
                return new ColumnRule(m.target(), c.name(), r -> {
                    Object v = r.get(cl.column());
                    if (v == null) {
                        return null;
                    }
                    int n = v instanceof Boolean b ? (b ? 1 : 0) : ((Number) ValueConverter.convert(v, sc.get())).intValue();
                    String label = labels.get(n);
                    if (label == null) {
                        throw new SluiceException(ErrorKind.INVALID_INPUT, "column '" + cl.column() + "': " + n
                                + " has no label");
                    }
                    return ValueConverter.convert(label, c);
                });
            }
            return lookup(cel, target, (Mapping.Lookup) mapping, m, c, path);
        }

        private ColumnRule lookup(ExpressionCompiler cel, RecordProvider target, Mapping.Lookup l, ColumnMapping m,
                ColumnSchema c, String path) {
            if (c.kind() != ColumnKind.LOOKUP) {
                add(path, "map '" + m.target() + "': {lookup: …} needs a lookup column, but '" + m.target() + "' is "
                        + c.kind().name().toLowerCase(Locale.ROOT), null);
                return null;
            }
            if (!(SharedProvider.unwrap(target) instanceof DataverseRecordProvider dv)) {
                add(path, "map '" + m.target() + "': lookups by alternate key need a Dataverse target", null);
                return null;
            }
            if (!c.targets().contains(l.table())) {
                add(path + ".lookup", "column '" + m.target() + "' cannot point to '" + l.table() + "'; it points to "
                        + String.join(" or ", c.targets()), NearestName.of(l.table(), c.targets()));
                return null;
            }
            TableSchema lt = describe(target, l.table(), path + ".lookup");
            if (lt == null) {
                return null;
            }
            List<String> keyColumns = List.copyOf(l.key().keySet());
            boolean ok = true;
            for (String k : keyColumns) {
                if (lt.column(k).isEmpty()) {
                    add(path + ".key." + k + "#key", "unknown column '" + k + "' on table '" + l.table() + "'",
                            NearestName.of(k, names(lt)));
                    ok = false;
                }
            }
            if (ok && !lt.uniqueKeys().stream().anyMatch(u -> u.size() == keyColumns.size()
                    && u.containsAll(keyColumns))) {
                add(path + ".key", "columns " + keyColumns + " are not an alternate key of '" + l.table()
                        + "'; its alternate keys are " + lt.uniqueKeys(), null);
                ok = false;
            }
            Map<String, Expression> values = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, String> e : l.key().entrySet()) {
                Expression x = expression(cel, e.getValue(), path + ".key." + e.getKey());
                if (x != null) {
                    values.put(e.getKey(), x);
                }
            }
            if (!ok || values.size() != l.key().size()) {
                return null;
            }
            return LookupRule.of(dv, def.target().table(), m.target(), l.table(), lt, values);
        }

        private Object choiceValue(Object label, ColumnSchema c) {
            if (label == null) {
                return null;
            }
            String text = label.toString().strip();
            for (Map.Entry<Integer, String> e : c.choices().entrySet()) {
                if (e.getValue().equalsIgnoreCase(text)) {
                    return e.getKey();
                }
            }
            if (text.matches("-?\\d+") && c.choices().containsKey(Integer.parseInt(text))) {
                return Integer.parseInt(text);
            }
            String near = NearestName.of(text, c.choices().values());
            throw new SluiceException(ErrorKind.INVALID_INPUT, "'" + text + "' is not a label of column '" + c.name()
                    + "'" + (near == null ? "; its labels are " + new java.util.TreeMap<>(c.choices()).values() : " (did you mean '" + near
                    + "'?)"));
        }

        private boolean fits(Expression x, ColumnSchema c, String path) {
            CelKind k = x.resultKind();
            if (k == CelKind.DYN || k == CelKind.NULL_TYPE || k == CelKind.ANY || c.kind() == ColumnKind.STRING
                    || c.kind() == ColumnKind.OTHER) {
                return true;
            }
            Set<CelKind> allowed = switch (c.kind()) {
                case INTEGER, CHOICE, DECIMAL, DOUBLE -> Set.of(CelKind.INT, CelKind.UINT, CelKind.DOUBLE,
                        CelKind.STRING);
                case BOOLEAN -> Set.of(CelKind.BOOL, CelKind.STRING);
                case DATETIME -> Set.of(CelKind.TIMESTAMP, CelKind.STRING);
                default -> Set.of(CelKind.STRING);
            };
            if (allowed.contains(k) || x.isDecimal() && allowed.contains(CelKind.DOUBLE)) {
                return true;
            }
            String what = x.copiedColumn() != null ? "column '" + x.copiedColumn() + "'" : "the expression";
            add(path, what + " gives " + x.resultTypeName() + " but target column '" + c.name() + "' is "
                    + c.kind().name().toLowerCase(Locale.ROOT), null);
            return false;
        }

        private Expression expression(ExpressionCompiler cel, String text, String path) {
            Object r = cel.compile(text);
            if (r instanceof Expression x) {
                return x;
            }
            ExpressionCompiler.Failure f = (ExpressionCompiler.Failure) r;
            Location base = flow.locations().get(path + "#cel");
            Location at = base != null ? base.plusColumns(f.offset()) : flow.location(path).plusColumns(f.offset());
            problems.add(new FlowProblem(flow.file(), at, f.message(), f.suggestion()));
            return null;
        }

        private List<String> key(TableSchema t) {
            TargetSpec target = def.target();
            if (target.write() == WriteMode.CREATE) {
                return List.of();
            }
            List<String> key = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < target.key().size(); i++) {
                String k = target.key().get(i);
                Optional<ColumnSchema> c = targetColumn(t, k);
                if (c.isEmpty()) {
                    add("target.key[" + i + "]", "unknown column '" + k + "' on table '" + t.name() + "'"
                            + columnsOf(t), NearestName.of(k, names(t)));
                    ok = false;
                    continue;
                }
                key.add(c.get().name());
                boolean mapped = def.mappings().stream().anyMatch(m -> targetColumn(t, m.target())
                        .map(x -> x.name().equals(c.get().name())).orElse(false));
                if (!mapped) {
                    add("target.key[" + i + "]", "key column '" + k + "' is not mapped; add it to 'map' so every "
                            + "record has a key", null);
                    ok = false;
                }
            }
            if (ok && !fileTarget && !t.isUniqueKey(key)) {
                List<List<String>> keys = new ArrayList<>();
                if (!t.primaryKey().isEmpty()) {
                    keys.add(t.primaryKey());
                }
                keys.addAll(t.uniqueKeys());
                add("target.key", "key " + target.key() + " is not a unique key of '" + t.name() + "'; its unique "
                        + "keys are " + keys, null);
            }
            return key;
        }

        private Optional<ColumnSchema> targetColumn(TableSchema t, String name) {
            Optional<ColumnSchema> c = t.column(name);
            if (c.isEmpty() && fileTarget) {
                // files have no fixed columns: a new column is added to the file
                return Optional.of(new ColumnSchema(name, ColumnKind.OTHER, false, true, Map.of(), List.of()));
            }
            return c.isPresent() ? c : t.column("_" + name + "_value");
        }

        /** "; its columns are a, b, c" (the first {@value #LISTED} of them), for a message about an unknown one. */
        private String columnsOf(TableSchema t) {
            List<String> all = names(t);
            if (all.isEmpty()) {
                return "";
            }
            String shown = String.join(", ", all.subList(0, Math.min(LISTED, all.size())));
            return "; its columns are " + shown + (all.size() > LISTED ? " and " + (all.size() - LISTED) + " more" : "");
        }

        private List<String> names(TableSchema t) {
            return t.columns().stream().map(ColumnSchema::name).toList();
        }

        private void add(String path, String message, String suggestion) {
            problems.add(flow.problem(path, message, suggestion));
        }
    }
}
