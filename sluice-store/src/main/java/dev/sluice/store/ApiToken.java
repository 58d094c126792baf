package dev.sluice.store;

import java.time.Instant;
import java.util.UUID;

/**
 * What is kept about an API token: metadata only; the token itself is shown once at creation and stored as a hash.
 * Immutable and thread-safe.
 *
 * @param id the token's id (used to revoke it)
 * @param user whose grants it carries
 * @param name what its owner called it
 * @param createdAt when it was made
 * @param lastUsedAt when it was last used, or null
 * @param revokedAt when it was revoked, or null while it is valid
 */
public record ApiToken(UUID id, String user, String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    /** Whether the token is still accepted. */
    public boolean active() {
        return revokedAt == null;
    }
}
