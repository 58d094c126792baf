package dev.sluice.flow;

import java.util.function.Consumer;

/**
 * Options of one {@link FlowRunner#run}. Immutable.
 *
 * @param dryRun read and map, write nothing (no checkpoint, no dead letters)
 * @param sampleSize mapped records kept in the summary for a dry run
 * @param progress told after every chunk; may be null
 */
public record RunOptions(boolean dryRun, int sampleSize, Consumer<RunProgress> progress) {
    /** A normal run without progress reports. */
    public static final RunOptions DEFAULTS = new RunOptions(false, 5, null);

    public RunOptions {
        if (sampleSize < 0) {
            throw new IllegalArgumentException("sample size must not be negative");
        }
    }

    /** A dry run: read and map, write nothing. */
    public static RunOptions dry() {
        return new RunOptions(true, 5, null);
    }

    public RunOptions withProgress(Consumer<RunProgress> listener) {
        return new RunOptions(dryRun, sampleSize, listener);
    }
}
