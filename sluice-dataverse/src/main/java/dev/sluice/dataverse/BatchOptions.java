package dev.sluice.dataverse;

/**
 * How a {@link Batch} runs.
 *
 * @param continueOnError {@code Prefer: odata.continue-on-error}: keep running after a failed operation
 *     (and send later chunks); without it the batch stops at the first failure and later operations
 *     are reported as not executed
 */
public record BatchOptions(boolean continueOnError) {
    /** Stop at the first failure, as Dataverse does by default. */
    public static final BatchOptions DEFAULTS = new BatchOptions(false);

    public static BatchOptions continuing() {
        return new BatchOptions(true);
    }
}
