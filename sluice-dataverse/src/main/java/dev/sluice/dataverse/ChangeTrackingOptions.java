package dev.sluice.dataverse;

/**
 * Options of {@link DataverseClient#changes}.
 *
 * @param resyncOnExpiry when the delta token has expired or is not valid, read everything again (the
 *     result says {@link Changes#resynced()}) instead of failing
 */
public record ChangeTrackingOptions(boolean resyncOnExpiry) {
    /** Fail with a CONFLICT {@link DataverseException} when the token has expired. */
    public static final ChangeTrackingOptions DEFAULTS = new ChangeTrackingOptions(false);

    public static ChangeTrackingOptions resyncing() {
        return new ChangeTrackingOptions(true);
    }
}
