package dev.sluice.flow;

import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Options of one {@link FlowRunner#run}. Immutable.
 *
 * @param dryRun read and map, write nothing (no checkpoint, no dead letters)
 * @param sampleSize mapped records kept in the summary for a dry run
 * @param progress told after every chunk (from the runner's thread); may be null
 * @param runId a run already recorded in the store (e.g. by a server that answered with its id), or null to record
 *     a new one
 * @param startedBy who starts the run, for its record; may be null
 * @param startedVia how ({@code on demand}, {@code schedule}, {@code cli}…), for its record; may be null
 * @param release asked after every chunk's checkpoint (from the runner's thread): true stops the run there with
 *     status {@code released}, still running in the store for another node to go on with; may be null
 */
public record RunOptions(boolean dryRun, int sampleSize, Consumer<RunProgress> progress, UUID runId,
        String startedBy, String startedVia, BooleanSupplier release) {
    /** A normal run without progress reports. */
    public static final RunOptions DEFAULTS = new RunOptions(false, 5, null, null, null, null, null);

    public RunOptions {
        if (sampleSize < 0) {
            throw new IllegalArgumentException("sample size must not be negative");
        }
    }

    public RunOptions(boolean dryRun, int sampleSize, Consumer<RunProgress> progress, UUID runId, String startedBy,
            String startedVia) {
        this(dryRun, sampleSize, progress, runId, startedBy, startedVia, null);
    }

    public RunOptions(boolean dryRun, int sampleSize, Consumer<RunProgress> progress) {
        this(dryRun, sampleSize, progress, null, null, null, null);
    }

    /** A dry run: read and map, write nothing. */
    public static RunOptions dry() {
        return new RunOptions(true, 5, null);
    }

    public RunOptions withProgress(Consumer<RunProgress> listener) {
        return new RunOptions(dryRun, sampleSize, listener, runId, startedBy, startedVia, release);
    }

    /** Runs as the already recorded run {@code id}. */
    public RunOptions withRun(UUID id) {
        return new RunOptions(dryRun, sampleSize, progress, id, startedBy, startedVia, release);
    }

    /** Records who started the run and how. */
    public RunOptions startedBy(String who, String via) {
        return new RunOptions(dryRun, sampleSize, progress, runId, who, via, release);
    }

    /**
     * Stops the run at the first chunk boundary where {@code when} says so, checkpoint saved, leaving it running in
     * the store (a server node that is stopping gives its runs back this way).
     */
    public RunOptions releasingWhen(BooleanSupplier when) {
        return new RunOptions(dryRun, sampleSize, progress, runId, startedBy, startedVia, when);
    }
}
