package dev.sluice.store;

/**
 * What a flow run did so far: records read, created, updated, skipped (filtered out or unchanged) and rejected
 * (sent to the dead letters). Immutable and thread-safe.
 */
public record FlowCounts(long read, long created, long updated, long skipped, long rejected) {
    public static final FlowCounts ZERO = new FlowCounts(0, 0, 0, 0, 0);

    public FlowCounts plus(FlowCounts o) {
        return new FlowCounts(read + o.read, created + o.created, updated + o.updated, skipped + o.skipped,
                rejected + o.rejected);
    }
}
