package dev.sluice.flow.internal.check;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.RecordProvider;
import dev.sluice.core.TableSchema;
import dev.sluice.flow.FileRecordProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a flow is checked against: its source and target providers, as opened and as their own provider (unwrapped
 * from a shared connection, to tell a Dataverse, JDBC or file provider by its class), and their tables. Immutable.
 *
 * @param source the source as opened
 * @param sourceProvider the source's own provider (a Dataverse, JDBC or file provider)
 * @param sourceTable the source table
 * @param target the target as opened
 * @param targetProvider the target's own provider
 * @param targetTable the target table (no columns for a file that does not exist yet)
 */
public record Sides(RecordProvider source, RecordProvider sourceProvider, TableSchema sourceTable,
        RecordProvider target, RecordProvider targetProvider, TableSchema targetTable) {

    /** Whether the target is a file, which has no fixed columns and no keys. */
    public boolean fileTarget() {
        return targetProvider instanceof FileRecordProvider;
    }

    /**
     * The target column a mapping or key names: itself, or a lookup's {@code _NAME_value}; any name for a file
     * (a new column is added to the file).
     */
    public Optional<ColumnSchema> targetColumn(String name) {
        TableSchema t = targetTable;
        Optional<ColumnSchema> c = t.column(name);
        if (c.isEmpty() && fileTarget()) {
            // files have no fixed columns: a new column is added to the file
            return Optional.of(new ColumnSchema(name, ColumnKind.OTHER, false, true, Map.of(), List.of()));
        }
        return c.isPresent() ? c : t.column("_" + name + "_value");
    }
}
