package dev.sluice.dataverse;

import java.util.List;

/**
 * An alternate key of a table: rows can be read, updated and upserted by these columns' values.
 * Immutable.
 *
 * @param schemaName the key's schema name
 * @param columns the key columns' logical names
 */
public record AlternateKey(String schemaName, List<String> columns) {
    public AlternateKey {
        columns = List.copyOf(columns);
    }
}
