package dev.sluice.emulator.internal.metadata;

import dev.sluice.emulator.internal.http.ApiRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query options of a metadata request, or of one {@code $expand} item: {@code $select},
 * {@code $filter} (kept as text, bound to a type when applied) and {@code $expand}. Any other system
 * query option is refused: metadata queries have no paging, ordering or counting. Immutable.
 *
 * @param select selected property names, or null for all
 * @param filter the {@code $filter} text, or null
 * @param expand expanded navigation properties, in request order
 */
record MetadataQuery(List<String> select, String filter, List<Expand> expand) {
    static final MetadataQuery ALL = new MetadataQuery(null, null, List.of());

    /** One {@code $expand} item with its nested options. */
    record Expand(String name, MetadataQuery options) {}

    MetadataQuery {
        select = select == null ? null : List.copyOf(select);
        expand = List.copyOf(expand);
    }

    /** The options of the request URL; parameters not starting with {@code $} (e.g. {@code tag}) are ignored. */
    static MetadataQuery of(ApiRequest request) {
        Map<String, String> options = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : request.queryParameters().entrySet()) {
            if (!e.getKey().startsWith("$")) {
                continue;
            }
            if (e.getValue().size() > 1) {
                throw MetadataErrors.badQuery("Query option '" + e.getKey() + "' was specified more than once, "
                        + "but it must be specified at most once.");
            }
            options.put(e.getKey(), e.getValue().get(0));
        }
        return build(options, false);
    }

    /** Nested options of an expand item: {@code $select=a,b;$filter=…;$expand=…}. */
    static MetadataQuery nested(String text) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String part : Syntax.split(text, ';')) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw MetadataErrors.badQuery("The $expand option '" + p + "' is not of the form $name=value.");
            }
            if (options.put(p.substring(0, eq).trim(), p.substring(eq + 1)) != null) {
                throw MetadataErrors.badQuery("Query option '" + p.substring(0, eq).trim()
                        + "' was specified more than once inside $expand.");
            }
        }
        return build(options, true);
    }

    private static MetadataQuery build(Map<String, String> options, boolean nested) {
        List<String> select = null;
        String filter = null;
        List<Expand> expand = List.of();
        for (Map.Entry<String, String> e : options.entrySet()) {
            switch (e.getKey()) {
                case "$select" -> select = parseSelect(e.getValue());
                case "$filter" -> filter = e.getValue();
                case "$expand" -> expand = parseExpand(e.getValue());
                default -> throw MetadataErrors.badQuery("The query option '" + e.getKey() + "' is not supported "
                        + (nested ? "inside $expand of " : "by ") + "metadata queries (EntityDefinitions, "
                        + "RelationshipDefinitions, GlobalOptionSetDefinitions); use $select, $filter and $expand.");
            }
        }
        return new MetadataQuery(select, filter, expand);
    }

    private static List<String> parseSelect(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                throw MetadataErrors.badQuery("$select has an empty item: '" + text + "'.");
            }
            if (name.equals("*")) {
                return null;
            }
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    private static List<Expand> parseExpand(String text) {
        List<Expand> out = new ArrayList<>();
        for (String part : Syntax.split(text, ',')) {
            String item = part.trim();
            int open = item.indexOf('(');
            if (open < 0) {
                if (item.isEmpty()) {
                    throw MetadataErrors.badQuery("$expand has an empty item: '" + text + "'.");
                }
                out.add(new Expand(item, ALL));
                continue;
            }
            if (!item.endsWith(")")) {
                throw MetadataErrors.badQuery("The $expand item '" + item + "' has unbalanced parentheses.");
            }
            out.add(new Expand(item.substring(0, open).trim(), nested(item.substring(open + 1, item.length() - 1))));
        }
        return out;
    }

    /**
     * Select and expand as Dataverse shows them in {@code @odata.context}: the selected properties, then
     * each expanded navigation property, then {@code Nav(…)} for each expand with nested options, e.g.
     * {@code (LogicalName,OptionSet,OptionSet(Options))} for
     * {@code $select=LogicalName&$expand=OptionSet($select=Options)}.
     */
    String contextClause() {
        List<String> parts = new ArrayList<>();
        if (select != null) {
            parts.addAll(select);
        }
        for (Expand e : expand) {
            parts.add(e.name());
        }
        for (Expand e : expand) {
            String inner = e.options().contextClause();
            if (!inner.isEmpty()) {
                parts.add(e.name() + inner);
            }
        }
        return parts.isEmpty() ? "" : "(" + String.join(",", parts) + ")";
    }
}
