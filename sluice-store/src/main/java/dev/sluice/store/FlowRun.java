package dev.sluice.store;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * One run of a flow as the store keeps it: what it did so far (counters saved with every chunk's checkpoint), who
 * started it and how, and whether someone asked it to stop. Immutable and thread-safe.
 *
 * @param id run id
 * @param flow flow name
 * @param status {@link #RUNNING}, {@link #SUCCEEDED}, {@link #FAILED} or {@link #CANCELLED} (a killed run stays
 *     {@code running})
 * @param dryRun whether nothing was written
 * @param startedAt when it started
 * @param finishedAt when it ended, or null
 * @param counts what it did
 * @param message why it failed, or null
 * @param startedBy who started it ({@code scheduler} for schedules and triggers), or null when not recorded
 * @param startedVia how: {@code on demand}, {@code schedule}, {@code trigger}, {@code retry}, {@code cli}, or null
 * @param expected the records the run expects to read (for an ETA), or null when not known
 * @param progressAt when its counters were last saved, or null before the first chunk
 * @param cancelRequestedAt when someone asked it to stop, or null
 * @param cancelRequestedBy who asked it to stop, or null
 * @param detail what else the run says about itself (e.g. which part of {@code where} was pushed down), or null
 * @param node the server node holding the run now, or null (waiting for a node, ended, or run by the CLI)
 * @param takeovers how often a node took the run over from a node that had stopped answering
 * @param takenOverAt when the last takeover was, or null
 */
public record FlowRun(UUID id, String flow, String status, boolean dryRun, Instant startedAt, Instant finishedAt,
        FlowCounts counts, String message, String startedBy, String startedVia, Long expected, Instant progressAt,
        Instant cancelRequestedAt, String cancelRequestedBy, String detail, String node, int takeovers,
        Instant takenOverAt) {
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    /** A run not held by any node. */
    public FlowRun(UUID id, String flow, String status, boolean dryRun, Instant startedAt, Instant finishedAt,
            FlowCounts counts, String message, String startedBy, String startedVia, Long expected, Instant progressAt,
            Instant cancelRequestedAt, String cancelRequestedBy, String detail) {
        this(id, flow, status, dryRun, startedAt, finishedAt, counts, message, startedBy, startedVia, expected,
                progressAt, cancelRequestedAt, cancelRequestedBy, detail, null, 0, null);
    }

    /** A run with what the first store version kept. */
    public FlowRun(UUID id, String flow, String status, boolean dryRun, Instant startedAt, Instant finishedAt,
            FlowCounts counts, String message) {
        this(id, flow, status, dryRun, startedAt, finishedAt, counts, message, null, null, null, null, null, null,
                null);
    }

    /** Whether it has not ended (or was killed without ending). */
    public boolean running() {
        return RUNNING.equals(status);
    }

    /** Records read per second from its start until {@code now} (or its end); 0 before anything was read. */
    public double rate(Instant now) {
        Instant end = finishedAt != null ? finishedAt : progressAt != null && progressAt.isAfter(now) ? progressAt : now;
        long ms = Duration.between(startedAt, end).toMillis();
        return ms <= 0 ? 0 : counts.read() * 1000.0 / ms;
    }

    /** Seconds left at the current rate, when the expected total is known and the run is going. */
    public OptionalLong etaSeconds(Instant now) {
        double rate = rate(now);
        if (!running() || expected == null || rate <= 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, Math.round((expected - counts.read()) / rate)));
    }
}
