package dev.sluice.core;

import java.util.List;

/**
 * What to read from a table: columns (empty = all), an optional condition, order (column names, with
 * a leading {@code -} for descending) and an optional row limit.
 */
public record SearchRequest(String table, List<String> select, Where where, List<String> orderBy, Integer limit) {
    public SearchRequest {
        select = select == null ? List.of() : List.copyOf(select);
        orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
    }

    public static SearchRequest all(String table) {
        return new SearchRequest(table, List.of(), null, List.of(), null);
    }
}
