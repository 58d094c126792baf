package dev.sluice.flow;

import java.util.Objects;

/** How a flow reads only what changed since its last run. Immutable. */
public sealed interface Incremental {
    /** Every run reads everything (a killed run still resumes where it stopped). */
    record Full() implements Incremental {}

    /**
     * Dataverse change tracking: a delta token is kept between runs.
     *
     * @param failOnExpiry when the token has expired, fail instead of reading everything again
     */
    record ChangeTracking(boolean failOnExpiry) implements Incremental {}

    /**
     * Rows whose watermark column (e.g. {@code modifiedon}) is past the last one seen, with ties broken by the
     * table's primary key.
     */
    record Watermark(String column) implements Incremental {
        public Watermark {
            Objects.requireNonNull(column, "column");
        }
    }
}
