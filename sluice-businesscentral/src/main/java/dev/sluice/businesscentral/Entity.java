package dev.sluice.businesscentral;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One entity as Business Central sent it: property values by name in the order sent (String, Long, BigDecimal,
 * Boolean, null; expanded navigation as a list of entities) and its {@code @odata.etag}, which an update must send
 * back in {@code If-Match}. Immutable.
 */
public record Entity(Map<String, Object> values, String etag) {
    public Entity {
        values = Collections.unmodifiableMap(values);
    }

    public Object get(String property) {
        return values.get(property);
    }

    public String getString(String property) {
        Object v = values.get(property);
        return v == null ? null : v.toString();
    }

    public BigDecimal getDecimal(String property) {
        Object v = values.get(property);
        return v == null ? null : v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
    }

    /** The entity's {@code id}. */
    public UUID id() {
        return UUID.fromString(getString("id"));
    }

    public Optional<String> etagValue() {
        return Optional.ofNullable(etag);
    }
}
