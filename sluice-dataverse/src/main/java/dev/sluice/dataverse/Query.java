package dev.sluice.dataverse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A query of one table: columns, filter, order, top, expand, count and formatted values. Immutable;
 * each {@code with}-style method returns a new query.
 *
 * <pre>
 * Query.table("account").select("name", "revenue").where(Filter.gt("revenue", 1000)).orderBy("name")
 * </pre>
 *
 * @param table logical name (e.g. {@code account}) or entity set name (e.g. {@code accounts})
 * @param rawFilter an OData {@code $filter} text given as is (CLI users type these); mutually
 *     exclusive with {@code filter}
 */
public record Query(
        String table,
        List<String> select,
        Filter filter,
        String rawFilter,
        List<String> orderBy,
        Integer top,
        List<String> expand,
        boolean count,
        boolean formattedValues) {

    public Query {
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("a query needs a table");
        }
        select = List.copyOf(select);
        orderBy = List.copyOf(orderBy);
        expand = List.copyOf(expand);
        select.forEach(ODataLiteral::name);
        if (filter != null && rawFilter != null) {
            throw new IllegalArgumentException("give either a Filter or a raw $filter, not both");
        }
        if (top != null && top < 1) {
            throw new IllegalArgumentException("top must be at least 1, got " + top);
        }
        for (String o : orderBy) {
            String[] parts = o.trim().split("\\s+");
            ODataLiteral.name(parts[0]);
            if (parts.length > 2 || (parts.length == 2 && !parts[1].equals("asc") && !parts[1].equals("desc"))) {
                throw new IllegalArgumentException("order by '" + o + "': use 'column', 'column asc' or 'column desc'");
            }
        }
    }

    public static Query table(String table) {
        return new Query(table, List.of(), null, null, List.of(), null, List.of(), false, false);
    }

    public Query select(String... columns) {
        return new Query(table, List.of(columns), filter, rawFilter, orderBy, top, expand, count, formattedValues);
    }

    public Query select(List<String> columns) {
        return new Query(table, columns, filter, rawFilter, orderBy, top, expand, count, formattedValues);
    }

    public Query where(Filter f) {
        return new Query(table, select, f, null, orderBy, top, expand, count, formattedValues);
    }

    /** A {@code $filter} in OData syntax, sent as typed (percent-encoded, never interpreted here). */
    public Query whereRaw(String odataFilter) {
        return new Query(table, select, null, odataFilter, orderBy, top, expand, count, formattedValues);
    }

    public Query orderBy(String... columns) {
        return new Query(table, select, filter, rawFilter, List.of(columns), top, expand, count, formattedValues);
    }

    public Query top(int n) {
        return new Query(table, select, filter, rawFilter, orderBy, n, expand, count, formattedValues);
    }

    /** Expand items as OData text, e.g. {@code primarycontactid($select=fullname)}. */
    public Query expand(String... items) {
        return new Query(table, select, filter, rawFilter, orderBy, top, List.of(items), count, formattedValues);
    }

    public Query withCount() {
        return new Query(table, select, filter, rawFilter, orderBy, top, expand, true, formattedValues);
    }

    public Query withFormattedValues() {
        return new Query(table, select, filter, rawFilter, orderBy, top, expand, count, true);
    }

    /** The query string (without {@code ?}), percent-encoded. */
    public String toQueryString() {
        List<String> parts = new ArrayList<>();
        if (!select.isEmpty()) {
            parts.add("$select=" + enc(String.join(",", select)));
        }
        String f = filter != null ? filter.toOData() : rawFilter;
        if (f != null && !f.isBlank()) {
            parts.add("$filter=" + enc(f));
        }
        if (!orderBy.isEmpty()) {
            parts.add("$orderby=" + enc(String.join(",", orderBy)));
        }
        if (top != null) {
            parts.add("$top=" + top);
        }
        if (!expand.isEmpty()) {
            parts.add("$expand=" + enc(String.join(",", expand)));
        }
        if (count) {
            parts.add("$count=true");
        }
        return String.join("&", parts);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
