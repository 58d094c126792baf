package dev.sluice.dataverse;

import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.core.SluiceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Tells which failures in a batch's answer are work already done, and turns them into successes:
 * <ul>
 *   <li>a create told its (client-assigned) id exists, when the stored row holds the values sent: the row
 *       this batch's lost attempt wrote, or (on a first attempt) an earlier run's;</li>
 *   <li>after an attempt whose answer was lost: a delete told the row is gone, and an update told its etag
 *       is stale while the row holds the values sent — the lost attempt did them;</li>
 *   <li>after an attempt whose answer was lost, a change set that failed on such an operation: the lost
 *       attempt committed the whole change set (it is atomic), so every operation of it succeeded.</li>
 * </ul>
 * Rows are read back with one query per table. Not thread-safe: one per answer.
 */
final class BatchReconciler {
    private final DataverseClient client;
    private final Map<Integer, UUID> ids;
    private final Predicate<List<BatchOperation>> afterUnknownOutcome;

    /**
     * @param ids the primary id each create was sent with, by operation index
     * @param afterUnknownOutcome whether an earlier attempt that held this unit may have been done
     */
    BatchReconciler(DataverseClient client, Map<Integer, UUID> ids, Predicate<List<BatchOperation>> afterUnknownOutcome) {
        this.client = client;
        this.ids = ids;
        this.afterUnknownOutcome = afterUnknownOutcome;
    }

    /**
     * Reconciles each failed unit (keyed to the operation that made it fail): the units whose failure was
     * work already done get successful outcomes and are removed from {@code failed}.
     */
    void reconcile(Map<List<BatchOperation>, BatchOperation> failed, BatchOutcome[] outcomes) {
        if (failed.isEmpty()) {
            return;
        }
        Map<Integer, Boolean> created = verifyCreates(failed.values(), outcomes);
        Iterator<Map.Entry<List<BatchOperation>, BatchOperation>> it = failed.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<List<BatchOperation>, BatchOperation> e = it.next();
            List<BatchOperation> unit = e.getKey();
            BatchOperation culprit = e.getValue();
            BatchOutcome o = outcomes[culprit.ref().index()];
            boolean unknown = afterUnknownOutcome.test(unit);
            boolean done = switch (culprit.kind()) {
                case CREATE -> created.getOrDefault(culprit.ref().index(), false);
                case DELETE -> unknown && o.status() == 404;
                case UPDATE -> unknown && culprit.etag() != null && o.status() == 412
                        && AlreadyWritten.holds(client, culprit.table(), culprit.key(), culprit.values());
                default -> false;
            };
            boolean changeSet = culprit.ref().changeSet() != 0;
            if (!done || (changeSet && !unknown)) {
                continue;
            }
            for (BatchOperation op : unit) {
                UUID id = op.kind() == BatchOperation.Kind.CREATE ? ids.get(op.ref().index())
                        : op.key() == null ? null : op.key().id();
                outcomes[op.ref().index()] = new BatchOutcome(op.ref().index(), 204, id, null, null, null, null,
                        !unknown);
            }
            it.remove();
        }
    }

    /** For the creates told their id exists: whether the stored row holds the values sent, by operation index. */
    private Map<Integer, Boolean> verifyCreates(Iterable<BatchOperation> culprits, BatchOutcome[] outcomes) {
        Map<String, List<BatchOperation>> byTable = new LinkedHashMap<>();
        for (BatchOperation op : culprits) {
            if (op.kind() == BatchOperation.Kind.CREATE
                    && DataverseErrorCodes.DUPLICATE_RECORD.equals(outcomes[op.ref().index()].errorCode())) {
                byTable.computeIfAbsent(client.table(op.table()).logicalName(), t -> new ArrayList<>()).add(op);
            }
        }
        Map<Integer, Boolean> out = new HashMap<>();
        for (Map.Entry<String, List<BatchOperation>> e : byTable.entrySet()) {
            TableMetadata m = client.metadata(e.getKey());
            List<Map<String, Object>> sent = new ArrayList<>();
            for (BatchOperation op : e.getValue()) {
                Map<String, Object> v = new LinkedHashMap<>(op.values());
                v.put(m.primaryIdAttribute(), ids.get(op.ref().index()));
                sent.add(v);
            }
            Map<String, Row> stored;
            try {
                stored = RowFinder.find(client, m, m.requireColumn(m.primaryIdAttribute()),
                        e.getValue().stream().map(op -> ids.get(op.ref().index())).toList(), StoredValues.select(m, sent));
            } catch (SluiceException readFailed) {
                continue; // cannot tell: the failure stands
            }
            for (int i = 0; i < sent.size(); i++) {
                BatchOperation op = e.getValue().get(i);
                Row row = stored.get(RowFinder.normalize(ids.get(op.ref().index())));
                out.put(op.ref().index(), row != null && StoredValues.difference(m, sent.get(i), row,
                        Set.of(m.primaryIdAttribute()), false) == null);
            }
        }
        return out;
    }
}
