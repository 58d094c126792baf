package dev.sluice.store;

import java.util.UUID;

/**
 * A node's hold on a flow run, as {@link RunLeaseStore#acquire} gave it. Immutable and thread-safe.
 *
 * @param runId the run
 * @param flow its flow
 * @param node the node holding it
 * @param epoch the lease's epoch: the run's writes carry it (see {@link RunLeaseStore#fence})
 * @param takenOverFrom the node that held the run before and stopped answering, or null when the run was waiting
 *     for a node (new, or released by a node that was stopping)
 * @param startedBy who started the run
 * @param startedVia how ({@code on demand}, {@code schedule}, {@code trigger})
 * @param cancelRequested whether someone asked the run to stop before this node took it
 */
public record RunLease(UUID runId, String flow, String node, int epoch, String takenOverFrom, String startedBy,
        String startedVia, boolean cancelRequested) {
    /** Whether the run was taken from a node that stopped answering (its lease had expired). */
    public boolean takeover() {
        return takenOverFrom != null;
    }
}
