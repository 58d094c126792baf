package dev.sluice.emulator.internal.identity.directory;

import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An app registration (and its service principal) in a tenant. Immutable.
 *
 * @param clientId the application (client) id
 * @param name display name, shown on the consent page
 * @param publicClient true for public clients (CLI, desktop: no secret allowed), false for
 *     confidential ones (web apps, daemons)
 * @param redirectUris registered redirect URIs; loopback ones match on any port
 * @param secrets client secrets (confidential clients)
 * @param certificateKey the public key of the registered certificate, for {@code private_key_jwt}
 *     client assertions, or null
 * @param permissions Dataverse delegated permissions the app is configured with (what
 *     {@code .default} means for a user); normally {@code user_impersonation}
 * @param appRoles application roles granted to the app; an app with any gets an application user
 *     in the org and {@code roles} in client credentials tokens
 * @param applicationUserId the systemuser row of its application user, or null without app roles
 */
public record AppRegistration(
        UUID clientId,
        String name,
        boolean publicClient,
        List<String> redirectUris,
        List<ClientSecret> secrets,
        RSAPublicKey certificateKey,
        List<String> permissions,
        List<String> appRoles,
        UUID applicationUserId) {

    public AppRegistration {
        Objects.requireNonNull(clientId, "clientId");
        name = name == null || name.isBlank() ? clientId.toString() : name;
        redirectUris = List.copyOf(redirectUris == null ? List.of() : redirectUris);
        secrets = List.copyOf(secrets == null ? List.of() : secrets);
        permissions = List.copyOf(permissions == null ? List.of() : permissions);
        appRoles = List.copyOf(appRoles == null ? List.of() : appRoles);
        if (publicClient && (!secrets.isEmpty() || certificateKey != null)) {
            throw new IllegalArgumentException("app '" + name + "' is a public client and cannot have secrets or a"
                    + " certificate; make it confidential");
        }
        if (!appRoles.isEmpty() && applicationUserId == null) {
            throw new IllegalArgumentException("app '" + name + "' has app roles but no application user id");
        }
    }

    /** Whether the app must prove itself with a secret or an assertion. */
    public boolean confidential() {
        return !publicClient;
    }

    /** The same registration with another certificate key. */
    public AppRegistration withCertificateKey(RSAPublicKey key) {
        return new AppRegistration(clientId, name, publicClient, redirectUris, secrets, key, permissions, appRoles,
                applicationUserId);
    }
}
