package dev.sluice.dataverse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One column of a table as Dataverse describes it. Immutable.
 *
 * @param logicalName the column's logical name, e.g. {@code parentcustomerid}
 * @param type its Dataverse type
 * @param requiredLevel how strongly a value is asked for
 * @param maxLength the maximum length of text columns, else null
 * @param targets the tables a lookup may point to (logical names), else empty
 * @param options labels by value for choice, state, status and yes/no columns (yes/no as 1 and 0), in
 *     the service's order, else empty
 * @param validForCreate whether a create may set it
 * @param validForUpdate whether an update may set it
 * @param attributeOf the column this one is derived from (e.g. a lookup's name column), else null
 * @param navigations for lookups, the single-valued navigation property that writes it, by target
 *     table (e.g. {@code account → parentcustomerid_account}), from the table's many-to-one
 *     relationships; else empty
 */
public record ColumnMetadata(String logicalName, AttributeType type, RequiredLevel requiredLevel, Integer maxLength,
        List<String> targets, Map<Integer, String> options, boolean validForCreate, boolean validForUpdate,
        String attributeOf, Map<String, String> navigations) {
    public ColumnMetadata {
        targets = List.copyOf(targets);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        navigations = Map.copyOf(navigations);
    }

    /** The name the column has in rows read from the Web API: {@code _x_value} for lookups. */
    public String wireName() {
        return type.isLookup() ? "_" + logicalName + "_value" : logicalName;
    }

    /**
     * The label of a value of a choice, state, status or yes/no column ({@code true}/{@code false} as 1 and 0),
     * as Dataverse's formatted value shows it; empty for other columns, null, or a value without a label.
     */
    public java.util.Optional<String> label(Object value) {
        if (value == null || options.isEmpty()) {
            return java.util.Optional.empty();
        }
        Integer key = value instanceof Boolean b ? (b ? 1 : 0)
                : value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? (Integer) n.intValue()
                : null;
        return key == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(options.get(key));
    }

    /** Whether a create must give a value (application or system required, and creatable). */
    public boolean required() {
        return validForCreate && (requiredLevel == RequiredLevel.APPLICATION_REQUIRED
                || requiredLevel == RequiredLevel.SYSTEM_REQUIRED);
    }
}
