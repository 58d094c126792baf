package dev.sluice.auth;

import dev.sluice.core.Secret;
import java.util.Objects;

/**
 * An OAuth client registration as Sluice uses it: the client id and how it authenticates — none (a
 * public client), a client secret, or a certificate ({@code private_key_jwt}). Immutable; its
 * {@code toString} shows no secret.
 */
public record OAuthClient(String clientId, Secret secret, ClientCertificate certificate) {
    public OAuthClient {
        Objects.requireNonNull(clientId, "clientId");
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("client id must not be blank");
        }
        if (secret != null && certificate != null) {
            throw new IllegalArgumentException("a client authenticates with a secret or a certificate, not both");
        }
    }

    public static OAuthClient publicClient(String clientId) {
        return new OAuthClient(clientId, null, null);
    }

    public static OAuthClient withSecret(String clientId, Secret secret) {
        return new OAuthClient(clientId, Objects.requireNonNull(secret, "secret"), null);
    }

    public static OAuthClient withCertificate(String clientId, ClientCertificate certificate) {
        return new OAuthClient(clientId, null, Objects.requireNonNull(certificate, "certificate"));
    }

    public boolean isPublic() {
        return secret == null && certificate == null;
    }

    @Override
    public String toString() {
        return "OAuthClient[clientId=" + clientId + ", auth=" + (secret != null ? "secret"
                : certificate != null ? "certificate" : "none") + "]";
    }
}
