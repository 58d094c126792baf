package dev.sluice.dataverse;

import dev.sluice.core.DataverseHeaders;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Operations to send with {@link DataverseClient#batch}: creates, updates, upserts, deletes and gets,
 * alone or grouped in atomic {@link ChangeSet}s. The client sends them in {@code $batch} requests of at
 * most 1000 operations (a change set is never split; one larger than 1000 is refused) and maps every
 * response part back to its operation. Not thread-safe; build it on one thread, then send it.
 *
 * <pre>
 * Batch batch = new Batch();
 * ChangeSet cs = batch.changeSet();
 * BatchRef parent = cs.create("account", Map.of("name", "Contoso"));
 * cs.create("contact", Map.of("lastname", "Smith", "parentcustomerid_account", parent));
 * BatchRef read = batch.get("account", RecordKey.alternate("accountnumber", "A-1"), "name");
 * BatchResult result = client.batch(batch, BatchOptions.continuing());
 * </pre>
 */
public final class Batch {
    private final List<BatchOperation> operations = new ArrayList<>();
    private final java.util.Set<Integer> closed = new java.util.HashSet<>();
    private int changeSets;

    public BatchRef create(String table, Map<String, ?> values) {
        return add(0, BatchOperation.Kind.CREATE, table, null, values, null, null);
    }

    /** Update only ({@code If-Match: *}): a missing row fails this operation with NOT_FOUND. */
    public BatchRef update(String table, RecordKey key, Map<String, ?> values) {
        return add(0, BatchOperation.Kind.UPDATE, table, key, values, null, null);
    }

    /** Update only if the row still has {@code etag}. */
    public BatchRef update(String table, RecordKey key, Map<String, ?> values, String etag) {
        return add(0, BatchOperation.Kind.UPDATE, table, key, values, null, etag);
    }

    public BatchRef upsert(String table, RecordKey key, Map<String, ?> values) {
        return add(0, BatchOperation.Kind.UPSERT, table, key, values, null, null);
    }

    public BatchRef delete(String table, RecordKey key) {
        return add(0, BatchOperation.Kind.DELETE, table, key, null, null, null);
    }

    /** Reads one row; its outcome carries the row. */
    public BatchRef get(String table, RecordKey key, String... select) {
        return add(0, BatchOperation.Kind.GET, table, key, null, List.of(select), null);
    }

    /** Starts a new change set; add its operations through the returned object. */
    public ChangeSet changeSet() {
        return new ChangeSet(this, ++changeSets);
    }

    /** Operations added so far. */
    public int size() {
        return operations.size();
    }

    List<BatchOperation> operations() {
        return Collections.unmodifiableList(operations);
    }

    BatchRef add(int changeSet, BatchOperation.Kind kind, String table, RecordKey key, Map<String, ?> values,
            List<String> select, String etag) {
        if (table == null || table.isBlank()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "batch operation " + operations.size()
                    + ": a table is required");
        }
        if (kind != BatchOperation.Kind.CREATE && key == null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "batch operation " + operations.size() + " ("
                    + kind.name().toLowerCase() + " on '" + table + "'): a record key is required");
        }
        if (values != null) {
            for (Map.Entry<String, ?> e : values.entrySet()) {
                if (e.getValue() instanceof BatchRef ref && (changeSet == 0 || ref.changeSet() != changeSet)) {
                    throw new SluiceException(ErrorKind.INVALID_INPUT, "batch operation " + operations.size()
                            + ": column '" + e.getKey() + "' refers to operation " + ref.index() + ", which is not "
                            + "an earlier create of the same change set (Dataverse resolves Content-ID references "
                            + "only inside one change set)");
                }
            }
        }
        int last = operations.isEmpty() ? 0 : operations.get(operations.size() - 1).ref().changeSet();
        if (last != changeSet && last > 0) {
            closed.add(last);
        }
        if (closed.contains(changeSet)) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "change set " + changeSet + ": add a change set's "
                    + "operations together, before starting another change set or adding other operations");
        }
        if (changeSet > 0 && countIn(changeSet) >= DataverseHeaders.MAX_BATCH_REQUESTS) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "change set " + changeSet + " would exceed "
                    + DataverseHeaders.MAX_BATCH_REQUESTS + " operations, the most one $batch may hold; split it");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> v = (Map<String, Object>) values;
        BatchRef ref = new BatchRef(operations.size(), changeSet);
        operations.add(new BatchOperation(ref, kind, table, key, v, select, etag));
        return ref;
    }

    private int countIn(int changeSet) {
        int n = 0;
        for (int i = operations.size() - 1; i >= 0 && operations.get(i).ref().changeSet() == changeSet; i--) {
            n++;
        }
        return n;
    }
}
