package dev.sluice.auth;

import dev.sluice.core.Secret;
import java.net.URI;
import java.time.Instant;

/**
 * An authorization-code sign-in that has begun: the URL to send the person to, and what only this
 * instance keeps — the {@code state}, the PKCE verifier and the nonce. Immutable; {@code toString}
 * shows neither state nor verifier.
 */
public record PendingAuthorization(URI authorizationUrl, Secret state, Secret codeVerifier, String nonce,
        URI redirectUri, Instant expiresAt) {
    @Override
    public String toString() {
        return "PendingAuthorization[redirectUri=" + redirectUri + ", expiresAt=" + expiresAt + "]";
    }
}
