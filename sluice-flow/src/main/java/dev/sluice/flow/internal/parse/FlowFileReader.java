package dev.sluice.flow.internal.parse;

import dev.sluice.core.NearestName;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.Location;
import dev.sluice.flow.internal.yaml.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of reading one flow file: typed reads of its YAML nodes that record where each path was written and
 * every problem met, with its location and, for a misspelt key, the key that was probably meant. The sections of the
 * file ({@link ConnectionsSection}, {@link SourceSection}, {@link TargetSection}, {@link MapSection}) read through it.
 * Not thread-safe; one per parse.
 */
public final class FlowFileReader {
    private final String file;
    private final List<FlowProblem> problems = new ArrayList<>();
    private final Map<String, Location> locations = new HashMap<>();

    /** Reads the file {@code file} names (in messages). */
    public FlowFileReader(String file) {
        this.file = file;
    }

    /** The file as given. */
    public String file() {
        return file;
    }

    /** The problems so far, in the order met; the list itself, so a YAML reader can add to it. */
    public List<FlowProblem> problems() {
        return problems;
    }

    /** Where each path was written so far. */
    public Map<String, Location> locations() {
        return locations;
    }

    /** Records where {@code path} was written. */
    void locate(String path, Location at) {
        locations.put(path, at);
    }

    /** Records a problem at {@code at}; {@code suggestion} is what was probably meant, or null. */
    public void add(Location at, String message, String suggestion) {
        problems.add(new FlowProblem(file, at, message, suggestion));
    }

    /**
     * A top-level section that must be there and be a mapping, with only {@code known} keys (see
     * {@link #keys}); null (and a problem) otherwise.
     */
    Node.MapNode section(Node.MapNode top, String key, List<String> known) {
        Node.Entry e = top.entries().get(key);
        if (e == null) {
            add(top.location(), "the flow needs a '" + key + "' section", null);
            return null;
        }
        Node.MapNode m = map(e.value(), "'" + key + "'", key);
        return m == null ? null : keys(m, known, key, key);
    }

    /** A top-level section that may be left out: its mapping; null when absent or not a mapping (a problem). */
    Node.MapNode optionalSection(Node.MapNode top, String key) {
        Node.Entry e = top.entries().get(key);
        return e == null ? null : map(e.value(), key, key);
    }

    /** {@code node} as a mapping; null (and a problem naming {@code what}) when it is not one. */
    public Node.MapNode map(Node node, String what, String path) {
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
    public Node.MapNode keys(Node.MapNode m, List<String> known, String where, String path) {
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

    /** The text under {@code key}; null when absent (a problem if {@code required}), empty or not text. */
    public String text(Node.MapNode m, String key, String path, boolean required) {
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

    /** The column names under {@code key}: one name or a list of them, each once; empty when absent. */
    List<String> names(Node.MapNode m, String key, String path) {
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
        Set<String> seen = new HashSet<>();
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
}
