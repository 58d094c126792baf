package dev.sluice.store;

/**
 * What a flow run did so far: records read, created, updated, skipped (filtered out or unchanged), rejected (sent
 * to the dead letters), and target rows deleted or marked deleted because their source rows were deleted.
 * Immutable and thread-safe.
 */
public record FlowCounts(long read, long created, long updated, long skipped, long rejected, long deleted) {
    public static final FlowCounts ZERO = new FlowCounts(0, 0, 0, 0, 0, 0);

    /** Counts without deletions. */
    public FlowCounts(long read, long created, long updated, long skipped, long rejected) {
        this(read, created, updated, skipped, rejected, 0);
    }

    public FlowCounts plus(FlowCounts o) {
        return new FlowCounts(read + o.read, created + o.created, updated + o.updated, skipped + o.skipped,
                rejected + o.rejected, deleted + o.deleted);
    }

    /** Target rows written: created, updated and deleted. */
    public long written() {
        return created + updated + deleted;
    }
}
