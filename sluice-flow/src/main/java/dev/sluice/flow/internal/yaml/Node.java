package dev.sluice.flow.internal.yaml;

import dev.sluice.flow.Location;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML node with the line and column it starts at. Immutable. */
public sealed interface Node {
    Location location();

    /** A mapping; keys keep their own locations. */
    record MapNode(Location location, Map<String, Entry> entries) implements Node {
        public MapNode {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }
    }

    /** One key of a mapping with its value. */
    record Entry(String key, Location keyLocation, Node value) {}

    record ListNode(Location location, List<Node> items) implements Node {
        public ListNode {
            items = List.copyOf(items);
        }
    }

    /**
     * A scalar: String, Long, BigDecimal/Double, Boolean, or null.
     *
     * @param quoted whether the scalar was written in quotes (its text starts one column later)
     */
    record Scalar(Location location, Object value, boolean quoted) implements Node {}

    /** A short name of the node's kind, for messages. */
    default String kindName() {
        if (this instanceof MapNode) {
            return "a mapping";
        }
        if (this instanceof ListNode) {
            return "a list";
        }
        Object v = ((Scalar) this).value();
        return v == null ? "null" : v instanceof String ? "text" : v instanceof Boolean ? "true/false" : "a number";
    }
}
