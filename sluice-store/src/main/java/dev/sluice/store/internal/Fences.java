package dev.sluice.store.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The flow runs this process holds a lease on, with the lease's epoch: every write of such a run's checkpoint,
 * counters and end carries the epoch, so once another node has taken the run over (and the epoch in the database has
 * moved on) this process can no longer write to it. Thread-safe.
 */
public final class Fences {
    private final Map<UUID, Integer> held = new ConcurrentHashMap<>();

    /** From now on, writes of {@code run} need the run to be at {@code epoch}. */
    public void hold(UUID run, int epoch) {
        held.put(run, epoch);
    }

    /** Writes of {@code run} are no longer checked. */
    public void drop(UUID run) {
        held.remove(run);
    }

    /** The epoch writes of {@code run} need, or null when this process holds no lease on it. */
    public Integer epoch(UUID run) {
        return held.get(run);
    }
}
