package dev.sluice.flow;

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
 * @param updated target rows updated (upserts the target cannot tell apart count here)
 * @param skipped records filtered out by {@code where}, unchanged, or deletions not carried over
 * @param rejected records sent to the dead letters
 * @param duration how long it took
 * @param resumed whether it continued from an interrupted run's checkpoint
 * @param warnings things the user should know (e.g. a full resync after an expired token)
 * @param sample for a dry run: the first mapped records, each with the write it would make
 */
public record RunSummary(UUID runId, String flow, boolean dryRun, long read, long created, long updated, long skipped,
        long rejected, Duration duration, boolean resumed, List<String> warnings, List<Map<String, Object>> sample) {
    public RunSummary {
        warnings = List.copyOf(warnings);
        sample = List.copyOf(sample);
    }

    /** {@code read 120, created 100, updated 15, skipped 3, rejected 2 in 1.4 s}. */
    public String line() {
        return "read " + read + ", created " + created + ", updated " + updated + ", skipped " + skipped
                + ", rejected " + rejected + " in " + String.format(java.util.Locale.ROOT, "%.1f s",
                duration.toMillis() / 1000.0);
    }
}
