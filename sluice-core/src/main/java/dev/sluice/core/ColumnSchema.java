package dev.sluice.core;

import java.util.List;
import java.util.Map;

/**
 * A column as a record provider describes it.
 *
 * @param name the name used in records and where-clauses
 * @param kind portable type
 * @param required whether a create must give it
 * @param writable whether writes may set it
 * @param choices labels by value, for {@link ColumnKind#CHOICE} columns (else empty)
 * @param targets tables a {@link ColumnKind#LOOKUP} may point to (else empty)
 */
public record ColumnSchema(String name, ColumnKind kind, boolean required, boolean writable,
        Map<Integer, String> choices, List<String> targets) {
    public ColumnSchema {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a column needs a name");
        }
        choices = choices == null ? Map.of() : Map.copyOf(choices);
        targets = targets == null ? List.of() : List.copyOf(targets);
    }
}
