package dev.sluice.store;

/**
 * What a flow run did so far: records read, created, updated, skipped (filtered out or unchanged), rejected (sent
 * to the dead letters), target rows deleted or marked deleted because their source rows were deleted, and rows
 * upserted where the target did not say whether it created or updated them (Dataverse's {@code UpsertMultiple}).
 * Immutable and thread-safe.
 */
public record FlowCounts(long read, long created, long updated, long skipped, long rejected, long deleted,
        long upserted) {
    public static final FlowCounts ZERO = new FlowCounts(0, 0, 0, 0, 0, 0, 0);

    /** Counts without upserts of unknown outcome. */
    public FlowCounts(long read, long created, long updated, long skipped, long rejected, long deleted) {
        this(read, created, updated, skipped, rejected, deleted, 0);
    }

    /** Counts without deletions. */
    public FlowCounts(long read, long created, long updated, long skipped, long rejected) {
        this(read, created, updated, skipped, rejected, 0, 0);
    }

    public FlowCounts plus(FlowCounts o) {
        return new FlowCounts(read + o.read, created + o.created, updated + o.updated, skipped + o.skipped,
                rejected + o.rejected, deleted + o.deleted, upserted + o.upserted);
    }

    /** Target rows written: created, updated, upserted and deleted. */
    public long written() {
        return created + updated + upserted + deleted;
    }
}
