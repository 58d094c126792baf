package dev.sluice.dataverse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Identifies one row: by primary id, or by the values of an alternate key (one or more columns).
 * Renders the key segment of a URL with values escaped. Immutable.
 */
public record RecordKey(UUID id, Map<String, Object> alternate) {
    public RecordKey {
        if ((id == null) == (alternate == null || alternate.isEmpty())) {
            throw new IllegalArgumentException("a record key is either an id or alternate key values");
        }
        if (alternate != null) {
            alternate = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(alternate));
            alternate.keySet().forEach(ODataLiteral::name);
        }
    }

    public static RecordKey of(UUID id) {
        return new RecordKey(id, null);
    }

    /** One-column alternate key, e.g. {@code RecordKey.alternate("accountnumber", "A-1")}. */
    public static RecordKey alternate(String column, Object value) {
        return new RecordKey(null, Map.of(column, value));
    }

    public static RecordKey alternate(Map<String, Object> values) {
        return new RecordKey(null, values);
    }

    /** The text between parentheses: {@code guid} or {@code accountnumber='A-1'}. */
    public String segment() {
        if (id != null) {
            return id.toString();
        }
        return alternate.entrySet().stream().map(e -> e.getKey() + "=" + ODataLiteral.of(e.getValue()))
                .collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return id != null ? id.toString() : segment();
    }
}
