package dev.sluice.auth;

import dev.sluice.core.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a token endpoint granted: the access token, the refresh token (or null), when the access token
 * expires, the scopes granted, the account (UPN from the ID token, or the app id), and when it was
 * obtained. Immutable; {@code toString} shows metadata only.
 */
public record TokenSet(Secret accessToken, Secret refreshToken, Instant expiresAt, List<String> scopes,
        String account, Instant obtainedAt) {
    public TokenSet {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    public AccessToken access() {
        return new AccessToken(accessToken, expiresAt);
    }

    /** The same set with a new access/refresh token; keeps the old refresh token when none came back. */
    public TokenSet refreshedWith(TokenSet fresh) {
        return new TokenSet(fresh.accessToken, fresh.refreshToken != null ? fresh.refreshToken : refreshToken,
                fresh.expiresAt, fresh.scopes.isEmpty() ? scopes : fresh.scopes,
                fresh.account != null ? fresh.account : account, fresh.obtainedAt);
    }

    @Override
    public String toString() {
        return "TokenSet[expiresAt=" + expiresAt + ", scopes=" + scopes + ", account=" + account
                + ", refreshToken=" + (refreshToken != null) + ", obtainedAt=" + obtainedAt + "]";
    }
}
