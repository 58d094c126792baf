package dev.sluice.store;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What is kept about an API token: metadata only; the token itself is shown once at creation and stored as a hash.
 * Immutable and thread-safe.
 *
 * @param id the token's id (used to revoke it)
 * @param user whose role and grants it acts with (never beyond them)
 * @param name what its owner called it
 * @param scopes what it may do (see {@link TokenScope})
 * @param connections the connections it is limited to (ids); empty: every connection its owner may use
 * @param expiresAt when it stops working, or null for a token from before expiries (none are made now)
 * @param parentId the token that created it (revoking that one revokes this one), or null
 * @param createdAt when it was made
 * @param lastUsedAt when it was last used, or null
 * @param revokedAt when it was revoked, or null while it is valid
 */
public record ApiToken(UUID id, String user, String name, Set<TokenScope> scopes, Set<UUID> connections,
        Instant expiresAt, UUID parentId, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    public ApiToken {
        scopes = Set.copyOf(scopes);
        connections = Set.copyOf(connections);
    }

    /** Whether the token is not revoked and, at {@code now}, not expired. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** Whether the token is not revoked (expiry aside). */
    public boolean active() {
        return revokedAt == null;
    }

    /** Whether the token has this scope. */
    public boolean has(TokenScope scope) {
        return scopes.contains(scope);
    }

    /** Whether the token may be used with this connection. */
    public boolean reaches(UUID connectionId) {
        return connections.isEmpty() || connections.contains(connectionId);
    }
}
