package dev.sluice.businesscentral;

import java.util.List;
import java.util.Objects;

/**
 * What to read from an entity set: {@code $select}, {@code $filter} (OData text; build values with
 * {@link #literal(Object)} so they are escaped, never spliced), {@code $orderby}, {@code $top} and {@code $expand}.
 * Immutable; each {@code with…} method returns a copy.
 */
public record EntityQuery(String entitySet, List<String> select, String filter, List<String> orderBy, Integer top,
        List<String> expand) {
    public EntityQuery {
        Objects.requireNonNull(entitySet, "entitySet");
        if (!entitySet.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("'" + entitySet + "' is not an entity set name such as customers");
        }
        select = select == null ? List.of() : List.copyOf(select);
        orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
        expand = expand == null ? List.of() : List.copyOf(expand);
        if (top != null && top < 0) {
            throw new IllegalArgumentException("top must not be negative");
        }
    }

    /** Every entity of a set, e.g. {@code EntityQuery.of("customers")}. */
    public static EntityQuery of(String entitySet) {
        return new EntityQuery(entitySet, null, null, null, null, null);
    }

    public EntityQuery select(String... properties) {
        return new EntityQuery(entitySet, List.of(properties), filter, orderBy, top, expand);
    }

    public EntityQuery select(List<String> properties) {
        return new EntityQuery(entitySet, properties, filter, orderBy, top, expand);
    }

    public EntityQuery filter(String odataFilter) {
        return new EntityQuery(entitySet, select, odataFilter, orderBy, top, expand);
    }

    /** Sort keys such as {@code number} or {@code displayName desc}. */
    public EntityQuery orderBy(String... keys) {
        return new EntityQuery(entitySet, select, filter, List.of(keys), top, expand);
    }

    public EntityQuery top(int rows) {
        return new EntityQuery(entitySet, select, filter, orderBy, rows, expand);
    }

    /** Navigation properties to expand, e.g. {@code salesOrderLines} on {@code salesOrders}. */
    public EntityQuery expand(String... navigation) {
        return new EntityQuery(entitySet, select, filter, orderBy, top, List.of(navigation));
    }

    /**
     * A value as an OData literal: text quoted with {@code '} doubled, GUIDs bare, numbers and booleans as is,
     * {@code null}.
     */
    public static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof java.util.UUID || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof java.time.Instant i) {
            return i.toString();
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }
}
