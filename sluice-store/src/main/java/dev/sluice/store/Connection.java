package dev.sluice.store;

import dev.sluice.store.internal.Checks;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored connection: its id, its settings and when it was created and last changed. Holds no secret.
 * Immutable and thread-safe.
 *
 * @param id the connection id; also the associated data of every secret and token stored for it
 * @param settings what the person configured
 * @param createdAt when it was created
 * @param updatedAt when its settings last changed
 */
public record Connection(UUID id, ConnectionSettings settings, Instant createdAt, Instant updatedAt) {
    public Connection {
        Checks.required(id, "connection id");
        Checks.required(settings, "connection settings");
        Checks.required(createdAt, "created at");
        Checks.required(updatedAt, "updated at");
    }

    /** The connection's unique name. */
    public String name() {
        return settings.name();
    }
}
