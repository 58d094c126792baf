package dev.sluice.flow.internal.parse;

import dev.sluice.flow.ColumnMapping;
import dev.sluice.flow.Mapping;
import dev.sluice.flow.internal.yaml.Node;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code map} section of a flow file: per target column a CEL expression, a constant, a lookup by alternate key,
 * or a choice value or label. Thread-safe.
 */
public final class MapSection {
    private static final List<String> KEYS = List.of("value", "lookup", "key", "choice", "label");

    private MapSection() {}

    /** The mappings in file order; those that are bad are left out (the problems are recorded). */
    public static List<ColumnMapping> read(FlowFileReader r, Node.MapNode top) {
        List<ColumnMapping> out = new ArrayList<>();
        Node.MapNode m = r.optionalSection(top, "map");
        if (m == null) {
            return out;
        }
        for (Node.Entry e : m.entries().values()) {
            String path = "map." + e.key();
            r.locate(path + "#key", e.keyLocation());
            r.locate(path, e.value().location());
            Mapping mapping = mapping(r, e, path);
            if (mapping != null) {
                out.add(new ColumnMapping(e.key(), mapping));
            }
        }
        return out;
    }

    private static Mapping mapping(FlowFileReader r, Node.Entry e, String path) {
        Node v = e.value();
        if (v instanceof Node.Scalar s) {
            if (s.value() instanceof String cel) {
                if (s.quoted()) {
                    r.locate(path + "#cel", s.location().plusColumns(1));
                }
                return new Mapping.Expression(cel);
            }
            return new Mapping.Constant(s.value() instanceof BigDecimal d ? d : s.value());
        }
        if (v instanceof Node.ListNode) {
            r.add(v.location(), "map '" + e.key() + "': a list is not a mapping; give a column, a CEL expression, "
                    + "a constant, or {lookup: …}, {choice: …}, {label: …}", null);
            return null;
        }
        return keyed(r, e, r.keys((Node.MapNode) v, KEYS, "map '" + e.key() + "'", path), path);
    }

    /** A mapping written as {@code {value: …}}, {@code {lookup: …}}, {@code {choice: …}} or {@code {label: …}}. */
    private static Mapping keyed(FlowFileReader r, Node.Entry e, Node.MapNode m, String path) {
        if (m.entries().containsKey("value")) {
            Node c = m.entries().get("value").value();
            if (!(c instanceof Node.Scalar s)) {
                r.add(c.location(), "map '" + e.key() + "': value must be a single value, not " + c.kindName(), null);
                return null;
            }
            return new Mapping.Constant(s.value());
        }
        if (m.entries().containsKey("lookup")) {
            return lookup(r, e, m, path);
        }
        if (m.entries().containsKey("choice")) {
            String cel = r.text(m, "choice", path, true);
            return cel == null ? null : new Mapping.ChoiceValue(cel);
        }
        if (m.entries().containsKey("label")) {
            String column = r.text(m, "label", path, true);
            return column == null ? null : new Mapping.ChoiceLabel(column);
        }
        r.add(m.location(), "map '" + e.key() + "' needs one of 'value', 'lookup', 'choice' or 'label'", null);
        return null;
    }

    /** {@code {lookup: TABLE, key: {ALTKEYCOL: CEL}}}. */
    private static Mapping lookup(FlowFileReader r, Node.Entry e, Node.MapNode m, String path) {
        String table = r.text(m, "lookup", path, true);
        Node.Entry k = m.entries().get("key");
        if (k == null) {
            r.add(m.location(), "map '" + e.key() + "': a lookup needs 'key', the alternate key of '" + table
                    + "' and the source values, e.g. key: {accountnumber: parent_number}", null);
            return null;
        }
        Node.MapNode km = r.map(k.value(), "lookup key", path + ".key");
        if (km == null || table == null) {
            return null;
        }
        Map<String, String> key = new LinkedHashMap<>();
        for (Node.Entry ke : km.entries().values()) {
            String kp = path + ".key." + ke.key();
            r.locate(kp + "#key", ke.keyLocation());
            r.locate(kp, ke.value().location());
            if (ke.value() instanceof Node.Scalar s && s.value() instanceof String cel) {
                key.put(ke.key(), cel);
            } else {
                r.add(ke.value().location(), "lookup key '" + ke.key() + "' must be a source column or CEL "
                        + "expression, not " + ke.value().kindName(), null);
            }
        }
        return key.isEmpty() ? null : new Mapping.Lookup(table, key);
    }
}
