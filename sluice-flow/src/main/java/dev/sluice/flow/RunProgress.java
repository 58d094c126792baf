package dev.sluice.flow;

import dev.sluice.store.FlowCounts;
import java.time.Duration;

/**
 * Progress of a run after a chunk: the counts so far, the chunks done, the records expected (null when not known)
 * and the time since the run started. Immutable.
 */
public record RunProgress(String flow, long chunks, FlowCounts counts, Long expected, Duration elapsed) {
    public RunProgress(String flow, long chunks, FlowCounts counts) {
        this(flow, chunks, counts, null, Duration.ZERO);
    }

    /** Records read per second so far. */
    public double rate() {
        long ms = elapsed.toMillis();
        return ms <= 0 ? 0 : counts.read() * 1000.0 / ms;
    }
}
