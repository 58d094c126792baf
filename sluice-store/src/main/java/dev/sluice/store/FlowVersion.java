package dev.sluice.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One saved version of a server flow: its file as saved, who saved it, when and how. Immutable and thread-safe.
 *
 * @param flow the flow's name
 * @param version 1 for the first save of the flow, then one more for every save
 * @param yaml the flow file as saved
 * @param savedBy who saved it
 * @param savedAt when
 * @param origin how: {@link #UPLOAD} (a YAML file through the API) or {@link #DESIGNER} (the web UI's designer)
 */
public record FlowVersion(String flow, int version, String yaml, String savedBy, Instant savedAt, String origin) {
    /** Saved as a YAML file through the API. */
    public static final String UPLOAD = "upload";
    /** Saved from the web UI's designer. */
    public static final String DESIGNER = "designer";

    public FlowVersion {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(savedBy, "savedBy");
        Objects.requireNonNull(origin, "origin");
        if (version < 1) {
            throw new IllegalArgumentException("flow versions start at 1");
        }
    }
}
