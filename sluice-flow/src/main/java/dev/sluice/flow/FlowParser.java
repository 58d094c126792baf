package dev.sluice.flow;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.core.WriteMode;
import dev.sluice.flow.internal.DurationText;
import dev.sluice.core.NearestName;
import dev.sluice.flow.internal.yaml.Node;
import dev.sluice.flow.internal.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a flow file (YAML) into a {@link ParsedFlow}, keeping the line and column of every part. Unknown keys,
 * wrong shapes and missing settings are all reported together, each with its location and, for a misspelt key,
 * the key that was probably meant; then a {@link FlowException} is thrown. Checks needing connections (tables,
 * columns, types, CEL) are {@link FlowValidator}'s. Thread-safe.
 */
public final class FlowParser {
    private static final List<String> TOP = List.of("flow", "description", "connections", "source", "map", "target",
            "errors", "schedule");
    private static final List<String> SOURCE = List.of("connection", "table", "select", "where", "incremental",
            "on-expired-token", "trigger", "interval", "fetchxml");
    private static final List<String> TARGET = List.of("connection", "table", "write", "key", "chunk-size",
            "on-delete", "mark-column");
    private static final List<String> MAPPING = List.of("value", "lookup", "key", "choice", "label");
    private static final List<String> CONNECTION = List.of("jdbc", "user", "password-env", "directory", "dataverse",
            "token-env");
    /** Dataverse: at most 1000 operations per bulk request; larger chunks only delay checkpoints. */
    private static final int MAX_CHUNK_SIZE = 1000;

    private final String file;
    private final List<FlowProblem> problems = new ArrayList<>();
    private final Map<String, Location> locations = new HashMap<>();

    private FlowParser(String file) {
        this.file = file;
    }

    /** Reads and parses a flow file. */
    public static ParsedFlow parse(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "cannot read flow file " + path + " ("
                    + e.getClass().getSimpleName() + "); check the path");
        }
        return parse(path.toString(), text);
    }

    /** Parses flow YAML; {@code file} names it in messages. */
    public static ParsedFlow parse(String file, String text) {
        Result r = parseAll(file, text);
        if (!r.problems().isEmpty() || r.flow() == null) {
            throw new FlowException(r.problems());
        }
        return r.flow();
    }

    /**
     * What a parse found: the flow as far as it could be read (null when a part it needs is missing or the YAML
     * does not parse) and every problem, in file order. A misspelt key stands for the key it was probably meant to
     * be, so that a flow with problems can still be checked further. Immutable.
     *
     * @param flow the flow, or null
     * @param problems the problems, empty when the flow is fine
     */
    public record Result(ParsedFlow flow, List<FlowProblem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    /** Parses flow YAML without throwing: the flow as far as it goes and every problem. */
    public static Result parseAll(String file, String text) {
        FlowParser p = new FlowParser(file);
        Node root = YamlReader.read(file, text, p.problems);
        FlowDefinition def = root == null ? null : p.flow(root);
        p.problems.sort(FlowProblem.IN_FILE_ORDER);
        return new Result(def == null ? null : new ParsedFlow(file, def, p.locations), p.problems);
    }

    private FlowDefinition flow(Node root) {
        Node.MapNode top = map(root, "the flow file", "");
        if (top == null) {
            return null;
        }
        top = keys(top, TOP, "flow file", "");
        String name = text(top, "flow", "", true);
        if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            add(top.entries().get("flow").value().location(), "flow name '" + name + "' is not valid: use letters, "
                    + "digits, '.', '_' and '-' (e.g. accounts-to-warehouse)", null);
        }
        Map<String, ConnectionSpec> connections = connections(top);
        SourceSpec source = source(top);
        TargetSpec target = target(top);
        List<ColumnMapping> mappings = mappings(top);
        ErrorPolicy errors = ErrorPolicy.DEAD_LETTER;
        String e = text(top, "errors", "", false);
        if (e != null) {
            switch (e) {
                case "dead-letter" -> errors = ErrorPolicy.DEAD_LETTER;
                case "fail" -> errors = ErrorPolicy.FAIL;
                default -> add(top.entries().get("errors").value().location(), "errors must be 'dead-letter' or "
                        + "'fail', not '" + e + "'", NearestName.of(e, List.of("dead-letter", "fail")));
            }
        }
        String schedule = text(top, "schedule", "", false);
        if (schedule != null && DurationText.parse(schedule) == null) {
            add(top.entries().get("schedule").value().location(), "schedule '" + schedule + "' is not understood; "
                    + "write it as 'every 15m' (s, m, h or d)", null);
        }
        if (name == null || source == null || target == null) {
            return null;
        }
        if (mappings.isEmpty() && !top.entries().containsKey("map")) {
            source.select().forEach(c -> mappings.add(new ColumnMapping(c, new Mapping.Expression(c))));
        }
        return new FlowDefinition(name, source, mappings, target, errors, schedule, connections);
    }

    private Map<String, ConnectionSpec> connections(Node.MapNode top) {
        Map<String, ConnectionSpec> out = new LinkedHashMap<>();
        Node.Entry entry = top.entries().get("connections");
        if (entry == null) {
            return out;
        }
        Node.MapNode all = map(entry.value(), "connections", "connections");
        if (all == null) {
            return out;
        }
        for (Node.Entry c : all.entries().values()) {
            String path = "connections." + c.key();
            locations.put(path, c.keyLocation());
            Node.MapNode m = map(c.value(), "connection '" + c.key() + "'", path);
            if (m == null) {
                continue;
            }
            m = keys(m, CONNECTION, "connection '" + c.key() + "'", path);
            String jdbc = text(m, "jdbc", path, false);
            String dir = text(m, "directory", path, false);
            String dv = text(m, "dataverse", path, false);
            int kinds = (jdbc == null ? 0 : 1) + (dir == null ? 0 : 1) + (dv == null ? 0 : 1);
            if (kinds != 1) {
                add(m.location(), "connection '" + c.key() + "' needs exactly one of 'jdbc' (a JDBC URL), "
                        + "'directory' (CSV and JSON Lines files) or 'dataverse' (an org URL)", null);
                continue;
            }
            if (jdbc != null) {
                out.put(c.key(), new ConnectionSpec.Jdbc(jdbc, text(m, "user", path, false),
                        text(m, "password-env", path, false)));
            } else if (dir != null) {
                out.put(c.key(), new ConnectionSpec.Files(dir));
            } else {
                out.put(c.key(), new ConnectionSpec.Dataverse(dv, text(m, "token-env", path, false)));
            }
        }
        return out;
    }

    private SourceSpec source(Node.MapNode top) {
        Node.MapNode m = section(top, "source");
        if (m == null) {
            return null;
        }
        m = keys(m, SOURCE, "source", "source");
        String connection = text(m, "connection", "source", true);
        String fetchXml = fetchXml(m);
        String table = text(m, "table", "source", fetchXml == null && !m.entries().containsKey("fetchxml"));
        List<String> select = names(m, "select", "source");
        String where = text(m, "where", "source", false);
        Incremental incremental = incremental(m);
        Trigger trigger = null;
        String t = text(m, "trigger", "source", false);
        String interval = text(m, "interval", "source", false);
        java.time.Duration every = null;
        if (interval != null) {
            every = DurationText.parse(interval);
            if (every == null) {
                add(m.entries().get("interval").value().location(), "interval '" + interval + "' is not understood; "
                        + "write it as 30s, 15m, 2h or 1d", null);
            }
        }
        if (t != null) {
            if (t.equals("new-or-updated")) {
                trigger = new Trigger(Trigger.Kind.NEW_OR_UPDATED, every);
                if (incremental instanceof Incremental.Full) {
                    add(m.entries().get("trigger").value().location(), "trigger 'new-or-updated' needs "
                            + "'incremental: change-tracking' or 'incremental: {watermark: COLUMN}' to see what changed",
                            null);
                }
            } else {
                add(m.entries().get("trigger").value().location(), "trigger must be 'new-or-updated', not '" + t + "'",
                        NearestName.of(t, List.of("new-or-updated")));
            }
        }
        if (fetchXml != null) {
            Location at = m.entries().get("fetchxml").value().location();
            String entity = dev.sluice.dataverse.FetchXml.parse(fetchXml).entity();
            if (table != null && !table.equals(entity)) {
                add(m.entries().get("table").value().location(), "table '" + table + "' is not the entity '" + entity
                        + "' the fetchxml queries; leave 'table' out or make them the same", null);
            }
            table = entity;
            if (!select.isEmpty()) {
                add(m.entries().get("select").value().location(), "a fetchxml source takes its columns from the "
                        + "FetchXML; drop 'select' and list <attribute> elements instead", null);
            }
            if (incremental instanceof Incremental.ChangeTracking) {
                add(at, "a fetchxml source cannot use change tracking (it follows one table); use 'incremental: "
                        + "{watermark: COLUMN}' with a column the FetchXML returns, e.g. modifiedon", null);
            }
        }
        if (connection == null || table == null) {
            return null;
        }
        return new SourceSpec(connection, table, select, where, incremental, trigger, fetchXml);
    }

    /**
     * The {@code fetchxml} of a source: inline XML (text starting with {@code <}), or a file, relative to the flow
     * file's folder; checked to be well-formed FetchXML. Null when absent or bad (the problem is recorded).
     */
    private String fetchXml(Node.MapNode source) {
        String v = text(source, "fetchxml", "source", false);
        if (v == null) {
            return null;
        }
        Location at = source.entries().get("fetchxml").value().location();
        locations.put("source.fetchxml", at);
        String xml = v;
        if (!v.stripLeading().startsWith("<")) {
            Path dir = Path.of(file).toAbsolutePath().getParent();
            Path f = dir == null ? Path.of(v) : dir.resolve(v);
            try {
                xml = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException | java.nio.file.InvalidPathException e) {
                add(at, "cannot read the fetchxml file " + f + " (" + e.getClass().getSimpleName() + "); give a path "
                        + "relative to the flow file, or the FetchXML itself", null);
                return null;
            }
        }
        try {
            dev.sluice.dataverse.FetchXml.parse(xml);
        } catch (SluiceException e) {
            add(at, e.getMessage(), null);
            return null;
        }
        return xml;
    }

    private Incremental incremental(Node.MapNode source) {
        Node.Entry e = source.entries().get("incremental");
        String onExpiry = text(source, "on-expired-token", "source", false);
        boolean fail = false;
        if (onExpiry != null) {
            if (!onExpiry.equals("resync") && !onExpiry.equals("fail")) {
                add(source.entries().get("on-expired-token").value().location(), "on-expired-token must be 'resync' "
                        + "or 'fail', not '" + onExpiry + "'", NearestName.of(onExpiry, List.of("resync", "fail")));
            }
            fail = "fail".equals(onExpiry);
        }
        if (e == null) {
            return new Incremental.Full();
        }
        locations.put("source.incremental", e.value().location());
        if (e.value() instanceof Node.Scalar s && s.value() instanceof String v) {
            if (v.equals("change-tracking")) {
                return new Incremental.ChangeTracking(fail);
            }
            if (v.equals("none") || v.equals("full")) {
                return new Incremental.Full();
            }
            add(s.location(), "incremental must be 'change-tracking' or '{watermark: COLUMN}', not '" + v + "'",
                    NearestName.of(v, List.of("change-tracking")));
            return new Incremental.Full();
        }
        if (e.value() instanceof Node.MapNode m) {
            m = keys(m, List.of("watermark"), "incremental", "source.incremental");
            String column = text(m, "watermark", "source.incremental", true);
            return column == null ? new Incremental.Full() : new Incremental.Watermark(column);
        }
        add(e.value().location(), "incremental must be 'change-tracking' or '{watermark: COLUMN}', not "
                + e.value().kindName(), null);
        return new Incremental.Full();
    }

    private TargetSpec target(Node.MapNode top) {
        Node.MapNode m = section(top, "target");
        if (m == null) {
            return null;
        }
        m = keys(m, TARGET, "target", "target");
        String connection = text(m, "connection", "target", true);
        String table = text(m, "table", "target", true);
        String write = text(m, "write", "target", true);
        List<String> key = names(m, "key", "target");
        WriteMode mode = null;
        boolean guessed = false;
        if (write != null) {
            try {
                mode = WriteMode.valueOf(write.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                guessed = true;
                String meant = NearestName.of(write, List.of("create", "update", "upsert", "delete"));
                add(m.entries().get("write").value().location(), "write must be create, update, upsert or delete, "
                        + "not '" + write + "'", meant);
                // go on as if it said what it probably meant, to check the rest of the flow
                mode = meant == null ? null : WriteMode.valueOf(meant.toUpperCase(Locale.ROOT));
            }
        }
        if (mode != null && mode != WriteMode.CREATE && key.isEmpty()) {
            if (guessed) {
                mode = null; // a guess that needs a key nobody wrote: stop here rather than report a knock-on problem
            } else {
                add(m.location(), "target: write '" + write + "' needs 'key', the target columns that identify a row "
                        + "(e.g. key: [accountnumber])", null);
            }
        }
        int chunk = TargetSpec.DEFAULT_CHUNK_SIZE;
        Node.Entry c = m.entries().get("chunk-size");
        if (c != null) {
            if (c.value() instanceof Node.Scalar s && s.value() instanceof Long n && n >= 1 && n <= MAX_CHUNK_SIZE) {
                chunk = n.intValue();
            } else {
                add(c.value().location(), "chunk-size must be a whole number from 1 to " + MAX_CHUNK_SIZE, null);
            }
        }
        OnDelete onDelete = OnDelete.IGNORE;
        String onDeleteText = text(m, "on-delete", "target", false);
        String mark = text(m, "mark-column", "target", false);
        if (onDeleteText != null) {
            try {
                onDelete = OnDelete.valueOf(onDeleteText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                add(m.entries().get("on-delete").value().location(), "on-delete must be ignore, delete or mark, not '"
                        + onDeleteText + "'", NearestName.of(onDeleteText, List.of("ignore", "delete", "mark")));
                onDelete = null;
            }
        }
        if (onDelete == OnDelete.MARK && mark == null) {
            add(m.entries().get("on-delete").value().location(), "on-delete: mark needs 'mark-column', the target "
                    + "column to set when the source row is deleted (e.g. mark-column: deleted_at)", null);
            return null;
        }
        if (mark != null && onDelete != OnDelete.MARK) {
            add(m.entries().get("mark-column").keyLocation(), "'mark-column' goes with 'on-delete: mark'", null);
            return null;
        }
        if (onDelete != null && onDelete != OnDelete.IGNORE && mode != null && mode != WriteMode.UPSERT
                && mode != WriteMode.UPDATE) {
            add(m.entries().get("on-delete").value().location(), "on-delete: " + onDeleteText + " needs write: "
                    + "upsert or update, which find target rows by 'key'", null);
            return null;
        }
        if (connection == null || table == null || mode == null || onDelete == null) {
            return null;
        }
        return new TargetSpec(connection, table, mode, key, chunk, onDelete, mark);
    }

    private List<ColumnMapping> mappings(Node.MapNode top) {
        List<ColumnMapping> out = new ArrayList<>();
        Node.Entry entry = top.entries().get("map");
        if (entry == null) {
            return out;
        }
        Node.MapNode m = map(entry.value(), "map", "map");
        if (m == null) {
            return out;
        }
        for (Node.Entry e : m.entries().values()) {
            String path = "map." + e.key();
            locations.put(path + "#key", e.keyLocation());
            locations.put(path, e.value().location());
            Mapping mapping = mapping(e, path);
            if (mapping != null) {
                out.add(new ColumnMapping(e.key(), mapping));
            }
        }
        return out;
    }

    private Mapping mapping(Node.Entry e, String path) {
        Node v = e.value();
        if (v instanceof Node.Scalar s) {
            if (s.value() instanceof String cel) {
                if (s.quoted()) {
                    locations.put(path + "#cel", s.location().plusColumns(1));
                }
                return new Mapping.Expression(cel);
            }
            return new Mapping.Constant(s.value() instanceof java.math.BigDecimal d ? d : s.value());
        }
        if (v instanceof Node.ListNode) {
            add(v.location(), "map '" + e.key() + "': a list is not a mapping; give a column, a CEL expression, "
                    + "a constant, or {lookup: …}, {choice: …}, {label: …}", null);
            return null;
        }
        Node.MapNode m = (Node.MapNode) v;
        m = keys(m, MAPPING, "map '" + e.key() + "'", path);
        if (m.entries().containsKey("value")) {
            Node c = m.entries().get("value").value();
            if (!(c instanceof Node.Scalar s)) {
                add(c.location(), "map '" + e.key() + "': value must be a single value, not " + c.kindName(), null);
                return null;
            }
            return new Mapping.Constant(s.value());
        }
        if (m.entries().containsKey("lookup")) {
            String table = text(m, "lookup", path, true);
            Node.Entry k = m.entries().get("key");
            if (k == null) {
                add(m.location(), "map '" + e.key() + "': a lookup needs 'key', the alternate key of '" + table
                        + "' and the source values, e.g. key: {accountnumber: parent_number}", null);
                return null;
            }
            Node.MapNode km = map(k.value(), "lookup key", path + ".key");
            if (km == null || table == null) {
                return null;
            }
            Map<String, String> key = new LinkedHashMap<>();
            for (Node.Entry ke : km.entries().values()) {
                String kp = path + ".key." + ke.key();
                locations.put(kp + "#key", ke.keyLocation());
                locations.put(kp, ke.value().location());
                if (ke.value() instanceof Node.Scalar s && s.value() instanceof String cel) {
                    key.put(ke.key(), cel);
                } else {
                    add(ke.value().location(), "lookup key '" + ke.key() + "' must be a source column or CEL "
                            + "expression, not " + ke.value().kindName(), null);
                }
            }
            return key.isEmpty() ? null : new Mapping.Lookup(table, key);
        }
        if (m.entries().containsKey("choice")) {
            String cel = text(m, "choice", path, true);
            return cel == null ? null : new Mapping.ChoiceValue(cel);
        }
        if (m.entries().containsKey("label")) {
            String column = text(m, "label", path, true);
            return column == null ? null : new Mapping.ChoiceLabel(column);
        }
        add(m.location(), "map '" + e.key() + "' needs one of 'value', 'lookup', 'choice' or 'label'", null);
        return null;
    }

    private Node.MapNode section(Node.MapNode top, String key) {
        Node.Entry e = top.entries().get(key);
        if (e == null) {
            add(top.location(), "the flow needs a '" + key + "' section", null);
            return null;
        }
        return map(e.value(), "'" + key + "'", key);
    }

    private Node.MapNode map(Node node, String what, String path) {
        if (!path.isEmpty()) {
            locations.put(path, node.location());
        }
        if (node instanceof Node.MapNode m) {
            return m;
        }
        add(node.location(), what + " must be a mapping of keys to values, not " + node.kindName(), null);
        return null;
    }

    /**
     * Reports unknown keys, and returns the mapping with each misspelt key also standing for the known key it was
     * probably meant to be (when that key is not there), so that the rest of the file is still checked.
     */
    private Node.MapNode keys(Node.MapNode m, List<String> known, String where, String path) {
        Map<String, Node.Entry> entries = new LinkedHashMap<>(m.entries());
        for (Node.Entry e : m.entries().values()) {
            locations.put(path.isEmpty() ? e.key() : path + "." + e.key(), e.keyLocation());
            if (!known.contains(e.key())) {
                String meant = NearestName.of(e.key(), known);
                add(e.keyLocation(), "unknown key '" + e.key() + "' in " + where + "; known keys: "
                        + String.join(", ", known), meant);
                if (meant != null && !entries.containsKey(meant)) {
                    entries.put(meant, new Node.Entry(meant, e.keyLocation(), e.value()));
                }
            }
        }
        return new Node.MapNode(m.location(), entries);
    }

    private String text(Node.MapNode m, String key, String path, boolean required) {
        Node.Entry e = m.entries().get(key);
        String p = path.isEmpty() ? key : path + "." + key;
        if (e == null) {
            if (required) {
                add(m.location(), (path.isEmpty() ? "the flow" : "'" + path + "'") + " needs '" + key + "'", null);
            }
            return null;
        }
        locations.put(p, e.value().location());
        if (e.value() instanceof Node.Scalar s && s.value() != null && !(s.value() instanceof Boolean)) {
            String v = s.value().toString();
            if (v.isBlank()) {
                add(s.location(), "'" + p + "' must not be empty", null);
                return null;
            }
            return v;
        }
        add(e.value().location(), "'" + p + "' must be text, not " + e.value().kindName(), null);
        return null;
    }

    private List<String> names(Node.MapNode m, String key, String path) {
        Node.Entry e = m.entries().get(key);
        List<String> out = new ArrayList<>();
        if (e == null) {
            return out;
        }
        String p = path + "." + key;
        locations.put(p, e.value().location());
        if (e.value() instanceof Node.Scalar s && s.value() instanceof String one) {
            out.add(one);
            locations.put(p + "[0]", s.location());
            return out;
        }
        if (!(e.value() instanceof Node.ListNode list)) {
            add(e.value().location(), "'" + p + "' must be a list of column names, not " + e.value().kindName(), null);
            return out;
        }
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            locations.put(p + "[" + i + "]", item.location());
            if (item instanceof Node.Scalar s && s.value() instanceof String name) {
                if (!seen.add(name)) {
                    add(item.location(), "column '" + name + "' is listed twice in '" + p + "'", null);
                }
                out.add(name);
            } else {
                add(item.location(), "'" + p + "' must list column names, not " + item.kindName(), null);
            }
        }
        return out;
    }

    private void add(Location at, String message, String suggestion) {
        problems.add(new FlowProblem(file, at, message, suggestion));
    }
}
