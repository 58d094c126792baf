package dev.sluice.flow;

import java.util.Map;

/**
 * A flow as read from its file: the definition and where each part of it was written, by path
 * ({@code source.table}, {@code map.revenue_eur}, {@code target.key[0]}). Immutable and thread-safe.
 *
 * @param file the file as given, for messages
 * @param definition the flow
 * @param locations line and column by path
 */
public record ParsedFlow(String file, FlowDefinition definition, Map<String, Location> locations) {
    public ParsedFlow {
        locations = Map.copyOf(locations);
    }

    /** Where a path was written; falls back to the closest enclosing path. */
    public Location location(String path) {
        String p = path;
        while (p != null && !p.isEmpty()) {
            Location l = locations.get(p);
            if (l != null) {
                return l;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? null : p.substring(0, cut);
        }
        return Location.UNKNOWN;
    }

    /** A problem at a path of this flow. */
    public FlowProblem problem(String path, String message, String suggestion) {
        return new FlowProblem(file, location(path), message, suggestion);
    }
}
