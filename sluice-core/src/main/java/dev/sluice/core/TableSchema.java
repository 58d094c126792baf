package dev.sluice.core;

import java.util.List;
import java.util.Optional;

/**
 * A table as a record provider describes it: columns, primary key, and keys whose values are unique
 * (alternate keys, unique constraints) that keyed writes may use.
 */
public record TableSchema(String name, List<ColumnSchema> columns, List<String> primaryKey,
        List<List<String>> uniqueKeys) {
    public TableSchema {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        uniqueKeys = uniqueKeys.stream().map(List::copyOf).toList();
    }

    public Optional<ColumnSchema> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Whether writes keyed by these columns address at most one row. */
    public boolean isUniqueKey(List<String> key) {
        return key.equals(primaryKey) || uniqueKeys.stream().anyMatch(k -> k.size() == key.size()
                && k.containsAll(key));
    }
}
