package dev.sluice.dataverse;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.util.List;
import java.util.Optional;

/**
 * A table's metadata as the client uses it: names, columns with types and labels, and alternate keys.
 * Loaded per table on demand by {@link DataverseClient#metadata(String)} and cached. Immutable.
 *
 * @param logicalName e.g. {@code account}
 * @param entitySetName e.g. {@code accounts}
 * @param primaryIdAttribute e.g. {@code accountid}
 * @param primaryNameAttribute e.g. {@code name}, or null for tables without one
 * @param changeTrackingEnabled whether {@link DataverseClient#changes} works on it
 * @param columns the columns in the service's order
 * @param keys the alternate keys
 */
public record TableMetadata(String logicalName, String entitySetName, String primaryIdAttribute,
        String primaryNameAttribute, boolean changeTrackingEnabled, List<ColumnMetadata> columns,
        List<AlternateKey> keys) {
    public TableMetadata {
        columns = List.copyOf(columns);
        keys = List.copyOf(keys);
    }

    /** A column by logical name, or by its {@code _x_value} wire name for lookups. */
    public Optional<ColumnMetadata> column(String name) {
        for (ColumnMetadata c : columns) {
            if (c.logicalName().equals(name) || c.wireName().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** A column that must exist; INVALID_INPUT naming the table otherwise. */
    public ColumnMetadata requireColumn(String name) {
        return column(name).orElseThrow(() -> new SluiceException(ErrorKind.INVALID_INPUT, "table '" + logicalName
                + "' has no column '" + name + "'; describe the table to see its columns"));
    }

    /** The names only, as {@link DataverseClient#table} gives them. */
    public TableInfo info() {
        return new TableInfo(logicalName, entitySetName, primaryIdAttribute, primaryNameAttribute);
    }
}
