package dev.sluice.store;

import dev.sluice.core.Secret;
import dev.sluice.store.internal.Checks;
import java.time.Instant;
import java.util.List;

/**
 * The tokens of a connection: the access token, the refresh token if any, and their metadata.
 * {@link #toString()} shows metadata only. Immutable and thread-safe.
 *
 * @param accessToken the access token
 * @param refreshToken the refresh token, or null when none was issued
 * @param expiresAt when the access token expires, or null when unknown
 * @param obtainedAt when the tokens were obtained
 * @param scopes the scopes granted
 * @param account who the token is for: a UPN from the ID token, or the app id for client credentials; or null
 */
public record TokenSet(
        Secret accessToken, Secret refreshToken, Instant expiresAt, Instant obtainedAt, List<String> scopes, String account) {
    public TokenSet {
        Checks.required(accessToken, "access token");
        if (accessToken.isEmpty()) {
            throw Checks.invalid("access token must not be empty");
        }
        if (refreshToken != null && refreshToken.isEmpty()) {
            refreshToken = null;
        }
        Checks.required(obtainedAt, "obtained at");
        scopes = List.copyOf(scopes == null ? List.of() : scopes);
        account = Checks.optionalText(account, "account", 320);
    }

    /** A copy holding this refresh token; e.g. the old one when a refresh response brought none. */
    public TokenSet withRefreshToken(Secret token) {
        return new TokenSet(accessToken, token, expiresAt, obtainedAt, scopes, account);
    }

    @Override
    public String toString() {
        return "TokenSet[accessToken=***, refreshToken=" + (refreshToken == null ? "none" : "***") + ", expiresAt="
                + expiresAt + ", obtainedAt=" + obtainedAt + ", scopes=" + scopes + ", account=" + account + "]";
    }
}
