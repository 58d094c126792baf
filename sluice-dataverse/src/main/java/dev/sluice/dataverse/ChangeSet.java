package dev.sluice.dataverse;

import java.util.Map;

/**
 * An atomic group of writes inside a {@link Batch}: Dataverse runs them in one transaction and rolls
 * all back when one fails. A later operation may bind a lookup to a row an earlier create of the same
 * change set made by putting that create's {@link BatchRef} as the value. Gets are not allowed in a
 * change set (fact sheet §D.1). Not thread-safe; obtained from {@link Batch#changeSet()}.
 */
public final class ChangeSet {
    private final Batch batch;
    private final int number;

    ChangeSet(Batch batch, int number) {
        this.batch = batch;
        this.number = number;
    }

    public BatchRef create(String table, Map<String, ?> values) {
        return batch.add(number, BatchOperation.Kind.CREATE, table, null, values, null, null);
    }

    /** Update only ({@code If-Match: *}). */
    public BatchRef update(String table, RecordKey key, Map<String, ?> values) {
        return batch.add(number, BatchOperation.Kind.UPDATE, table, key, values, null, null);
    }

    /** Update only if the row still has {@code etag}. */
    public BatchRef update(String table, RecordKey key, Map<String, ?> values, String etag) {
        return batch.add(number, BatchOperation.Kind.UPDATE, table, key, values, null, etag);
    }

    public BatchRef upsert(String table, RecordKey key, Map<String, ?> values) {
        return batch.add(number, BatchOperation.Kind.UPSERT, table, key, values, null, null);
    }

    public BatchRef delete(String table, RecordKey key) {
        return batch.add(number, BatchOperation.Kind.DELETE, table, key, null, null, null);
    }

    /** The change set's number in its batch, from 1. */
    public int number() {
        return number;
    }
}
