package dev.sluice.flow;

import dev.sluice.store.FlowCounts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a run did. Immutable.
 *
 * @param runId the run's id in the engine store
 * @param flow flow name
 * @param dryRun whether nothing was written
 * @param read source records read
 * @param created target rows created
 * @param updated target rows updated
 * @param skipped records filtered out by {@code where}, unchanged, or deletions not carried over
 * @param rejected records sent to the dead letters
 * @param duration how long it took
 * @param resumed whether it continued from an interrupted run's checkpoint
 * @param warnings things the user should know (e.g. a full resync after an expired token)
 * @param sample for a dry run: the first mapped records, each with the write it would make
 * @param deleted target rows deleted or marked deleted because their source rows were deleted
 * @param status {@code succeeded}, {@code cancelled} when someone asked it to stop (its checkpoint stays), or
 *     {@value #RELEASED} when it stopped at a chunk boundary to go on elsewhere (still running in the store)
 * @param detail which part of {@code where} the source evaluated and which was checked in memory, or null
 * @param upserted target rows upserted where the target did not say whether it created or updated them (Dataverse's
 *     {@code UpsertMultiple} answers with ids only)
 */
public record RunSummary(UUID runId, String flow, boolean dryRun, long read, long created, long updated, long skipped,
        long rejected, Duration duration, boolean resumed, List<String> warnings, List<Map<String, Object>> sample,
        long deleted, String status, String detail, long upserted) {
    /** The status of a run given back at a chunk boundary to be continued by another node. */
    public static final String RELEASED = "released";

    public RunSummary {
        warnings = List.copyOf(warnings);
        sample = List.copyOf(sample);
        status = status == null ? "succeeded" : status;
    }

    public RunSummary(UUID runId, String flow, boolean dryRun, long read, long created, long updated, long skipped,
            long rejected, Duration duration, boolean resumed, List<String> warnings,
            List<Map<String, Object>> sample) {
        this(runId, flow, dryRun, read, created, updated, skipped, rejected, duration, resumed, warnings, sample, 0,
                "succeeded", null, 0);
    }

    /** A run's summary from its counts. */
    public static RunSummary of(UUID runId, String flow, boolean dryRun, FlowCounts c, Duration duration,
            boolean resumed, List<String> warnings, List<Map<String, Object>> sample, String status, String detail) {
        return new RunSummary(runId, flow, dryRun, c.read(), c.created(), c.updated(), c.skipped(), c.rejected(),
                duration, resumed, warnings, sample, c.deleted(), status, detail, c.upserted());
    }

    /** Whether it stopped at a chunk boundary to be continued elsewhere (see {@link RunOptions#releasingWhen}). */
    public boolean released() {
        return RELEASED.equals(status);
    }

    /** Whether it stopped early because someone asked it to. */
    public boolean cancelled() {
        return "cancelled".equals(status);
    }

    /**
     * {@code read 120, created 100, updated 15, deleted 2, skipped 3, rejected 2 in 1.4 s}; with upserts of unknown
     * outcome, {@code upserted 15 (created or updated)} after the updated.
     */
    public String line() {
        return (cancelled() ? "cancelled after " : "") + "read " + read + ", created " + created + ", updated "
                + updated + (upserted > 0 ? ", upserted " + upserted + " (created or updated)" : "")
                + (deleted > 0 ? ", deleted " + deleted : "") + ", skipped " + skipped + ", rejected " + rejected
                + " in " + String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
