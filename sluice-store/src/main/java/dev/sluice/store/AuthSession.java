package dev.sluice.store;

import dev.sluice.core.Secret;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * A pending authorization: who began it for which connection, the PKCE verifier and nonce to finish it with,
 * and when it expires. {@link #toString()} hides the verifier. Immutable and thread-safe.
 *
 * @param connectionId the connection being authorized
 * @param user who began it; only they may finish it
 * @param pkceVerifier the PKCE code verifier (RFC 7636), never sent to the browser
 * @param nonce the OIDC nonce expected in the ID token
 * @param redirectUri the redirect URI sent in the authorization request (the token request must repeat it)
 * @param createdAt when it began
 * @param expiresAt when it stops being accepted
 */
public record AuthSession(
        UUID connectionId, String user, Secret pkceVerifier, String nonce, URI redirectUri, Instant createdAt, Instant expiresAt) {
    @Override
    public String toString() {
        return "AuthSession[connectionId=" + connectionId + ", user=" + user + ", pkceVerifier=***, redirectUri="
                + redirectUri + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
    }
}
