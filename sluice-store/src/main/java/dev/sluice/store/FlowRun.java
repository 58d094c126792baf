package dev.sluice.store;

import java.time.Instant;
import java.util.UUID;

/**
 * One run of a flow as the store keeps it. Immutable and thread-safe.
 *
 * @param id run id
 * @param flow flow name
 * @param status {@code running}, {@code succeeded} or {@code failed} (a killed run stays {@code running})
 * @param dryRun whether nothing was written
 * @param startedAt when it started
 * @param finishedAt when it ended, or null
 * @param counts what it did
 * @param message why it failed, or null
 */
public record FlowRun(UUID id, String flow, String status, boolean dryRun, Instant startedAt, Instant finishedAt,
        FlowCounts counts, String message) {}
