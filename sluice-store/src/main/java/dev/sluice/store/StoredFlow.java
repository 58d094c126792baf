package dev.sluice.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A flow file uploaded to the server, as the store keeps it. Immutable and thread-safe.
 *
 * @param name the flow's name ({@code flow:})
 * @param yaml the file's text, as uploaded
 * @param uploadedBy the user who uploaded it (its declared connections count as theirs)
 * @param uploadedAt when
 */
public record StoredFlow(String name, String yaml, String uploadedBy, Instant uploadedAt) {
    public StoredFlow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(uploadedBy, "uploadedBy");
    }
}
