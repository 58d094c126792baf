package dev.sluice.dataverse;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One Dataverse row as read: column values by wire name (lookups as {@code _x_value}) in the order the
 * service sent them, and annotations such as formatted values. Values are String, Long, BigDecimal,
 * Boolean, null, or for expanded navigation a {@code Row} or list of rows. Immutable.
 */
public record Row(Map<String, Object> values, Map<String, String> annotations) {
    private static final String FORMATTED = "@OData.Community.Display.V1.FormattedValue";

    public Row {
        values = Collections.unmodifiableMap(values);
        annotations = Collections.unmodifiableMap(annotations);
    }

    public Object get(String column) {
        return values.get(column);
    }

    public boolean has(String column) {
        return values.containsKey(column);
    }

    public String getString(String column) {
        Object v = values.get(column);
        return v == null ? null : v.toString();
    }

    public UUID getUuid(String column) {
        Object v = values.get(column);
        return v == null ? null : UUID.fromString(v.toString());
    }

    public BigDecimal getDecimal(String column) {
        Object v = values.get(column);
        return v == null ? null : v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
    }

    public Long getLong(String column) {
        Object v = values.get(column);
        return v == null ? null : ((Number) v).longValue();
    }

    /** The row's {@code @odata.etag}, if the service sent one. */
    public Optional<String> etag() {
        return Optional.ofNullable(annotations.get("@odata.etag"));
    }

    /** The formatted value of a column (choice label, currency text…), when asked for and sent. */
    public Optional<String> formatted(String column) {
        return Optional.ofNullable(annotations.get(column + FORMATTED));
    }
}
