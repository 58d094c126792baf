package dev.sluice.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What can be shown about a connection's tokens: metadata only, never a token value. Immutable and thread-safe.
 *
 * @param connectionId the connection
 * @param state authorized, needs-authorization, expired or error ({@code expired} is derived: an authorized
 *     access token past its expiry with no refresh token)
 * @param account UPN or app id, or null
 * @param scopes scopes granted
 * @param obtainedAt when the current tokens were obtained, or null
 * @param expiresAt when the access token expires, or null
 * @param hasRefreshToken whether a refresh token is held
 * @param lastRefreshAt when a refresh last succeeded, or null
 * @param lastError the last failure's message (no secret), or null
 */
public record TokenStatus(
        UUID connectionId,
        TokenState state,
        String account,
        List<String> scopes,
        Instant obtainedAt,
        Instant expiresAt,
        boolean hasRefreshToken,
        Instant lastRefreshAt,
        String lastError) {
    public TokenStatus {
        scopes = List.copyOf(scopes);
    }
}
