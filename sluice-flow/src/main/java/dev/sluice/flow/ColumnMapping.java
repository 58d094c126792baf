package dev.sluice.flow;

import java.util.Objects;

/** One entry of a flow's {@code map}: a target column and where its value comes from. Immutable. */
public record ColumnMapping(String target, Mapping mapping) {
    public ColumnMapping {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mapping, "mapping");
    }
}
