package dev.sluice.flow.internal;

import java.util.Map;
import java.util.function.Function;

/**
 * How one target column gets its value from a source record. Thread-safe.
 *
 * @param mapKey the target column as the flow file names it (for messages)
 * @param writeName the name the target provider expects (e.g. a Dataverse navigation property for a lookup)
 * @param value computes the value; returns {@link #OMIT} to leave the column out
 */
public record ColumnRule(String mapKey, String writeName, Function<Map<String, Object>, Object> value) {
    /** Leave the column out of the record (e.g. a lookup whose key value is null). */
    public static final Object OMIT = new Object();
}
