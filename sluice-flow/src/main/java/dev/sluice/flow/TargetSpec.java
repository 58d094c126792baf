package dev.sluice.flow;

import dev.sluice.core.WriteMode;
import java.util.List;
import java.util.Objects;

/**
 * Where a flow writes. Immutable.
 *
 * @param connection connection name
 * @param table table to write
 * @param write create, update, upsert or delete
 * @param key target columns identifying a row (required for update, upsert, delete)
 * @param chunkSize records per write call and checkpoint
 * @param onDelete what a row deleted at the source does to the target
 * @param markColumn the column {@link OnDelete#MARK} sets, or null
 */
public record TargetSpec(String connection, String table, WriteMode write, List<String> key, int chunkSize,
        OnDelete onDelete, String markColumn) {
    /** Records per chunk unless the file says otherwise: one Dataverse bulk request's worth. */
    public static final int DEFAULT_CHUNK_SIZE = 500;

    public TargetSpec {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(write, "write");
        key = List.copyOf(key);
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1");
        }
        onDelete = onDelete == null ? OnDelete.IGNORE : onDelete;
        if ((onDelete == OnDelete.MARK) != (markColumn != null)) {
            throw new IllegalArgumentException("on-delete: mark needs a mark column, and only it does");
        }
    }

    /** A target that leaves deleted rows alone. */
    public TargetSpec(String connection, String table, WriteMode write, List<String> key, int chunkSize) {
        this(connection, table, write, key, chunkSize, OnDelete.IGNORE, null);
    }
}
