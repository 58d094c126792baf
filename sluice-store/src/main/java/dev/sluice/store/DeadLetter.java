package dev.sluice.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A source record a flow could not map or write, kept for a retry. Immutable and thread-safe.
 *
 * @param id dead letter id
 * @param flow flow name
 * @param runId the run that last failed it
 * @param source the source record as JSON (decrypted; never logged: {@link #toString()} leaves it out)
 * @param errorKind the {@code ErrorKind} name of the failure
 * @param message what went wrong
 * @param attempts how many times it failed
 * @param createdAt when it first failed
 */
public record DeadLetter(UUID id, String flow, UUID runId, String source, String errorKind, String message,
        int attempts, Instant createdAt) {
    @Override
    public String toString() {
        return "DeadLetter[id=" + id + ", flow=" + flow + ", errorKind=" + errorKind + ", attempts=" + attempts + "]";
    }
}
