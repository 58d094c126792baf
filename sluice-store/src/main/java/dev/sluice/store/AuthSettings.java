package dev.sluice.store;

import dev.sluice.store.internal.Checks;
import java.net.URI;
import java.util.List;

/**
 * The non-secret settings of a connection's auth method. Secrets (client secret, certificate key, static
 * token) live in the {@link SecretStore}, never here. Immutable and thread-safe.
 *
 * @param method how tokens are obtained
 * @param clientId the OAuth client (application) id; required except for {@link AuthMethod#STATIC_TOKEN}
 * @param scopes scopes to ask for; empty means the auth module's defaults for the org
 * @param callbackMode where the browser returns (authorization-code only; default loopback), else null
 * @param redirectUri an explicit redirect URI (authorization-code only), or null for the mode's default
 * @param authorizeEndpoint an explicit authorization endpoint, or null
 * @param tokenEndpoint an explicit token endpoint, or null
 * @param discoveryUrl an OIDC discovery URL ({@code …/.well-known/openid-configuration}), or null
 */
public record AuthSettings(
        AuthMethod method,
        String clientId,
        List<String> scopes,
        CallbackMode callbackMode,
        URI redirectUri,
        URI authorizeEndpoint,
        URI tokenEndpoint,
        URI discoveryUrl) {

    public AuthSettings {
        Checks.required(method, "auth method");
        clientId = Checks.optionalText(clientId, "client id", 256);
        if (clientId == null && method != AuthMethod.STATIC_TOKEN) {
            throw Checks.invalid("client id is required for auth method " + method.wireName()
                    + " (the application id registered with the identity provider)");
        }
        if (clientId != null && clientId.chars().anyMatch(Character::isWhitespace)) {
            throw Checks.invalid("client id must not contain spaces");
        }
        scopes = List.copyOf(scopes == null ? List.of() : scopes);
        for (String scope : scopes) {
            if (scope == null || scope.isBlank() || scope.chars().anyMatch(c -> c <= ' ')) {
                throw Checks.invalid("scope '" + scope + "' is not valid: a scope is one non-empty word without spaces");
            }
        }
        if (method == AuthMethod.AUTHORIZATION_CODE) {
            callbackMode = callbackMode == null ? CallbackMode.LOOPBACK : callbackMode;
        } else if (callbackMode != null || redirectUri != null) {
            throw Checks.invalid("callback mode and redirect URI apply only to auth method authorization-code, not "
                    + method.wireName());
        }
        redirectUri = Checks.endpoint(redirectUri, "redirect URI");
        authorizeEndpoint = Checks.endpoint(authorizeEndpoint, "authorize endpoint");
        tokenEndpoint = Checks.endpoint(tokenEndpoint, "token endpoint");
        discoveryUrl = Checks.endpoint(discoveryUrl, "OIDC discovery URL");
        if (discoveryUrl != null && (authorizeEndpoint != null || tokenEndpoint != null)) {
            throw Checks.invalid("give either an OIDC discovery URL or explicit authorize/token endpoints, not both");
        }
        if (authorizeEndpoint != null && tokenEndpoint == null) {
            throw Checks.invalid("an explicit authorize endpoint needs an explicit token endpoint too");
        }
    }

    /** Settings for a method with a client id and the defaults for everything else. */
    public static AuthSettings of(AuthMethod method, String clientId) {
        return new AuthSettings(method, clientId, List.of(), null, null, null, null, null);
    }

    /** A copy with these scopes. */
    public AuthSettings withScopes(List<String> newScopes) {
        return new AuthSettings(method, clientId, newScopes, callbackMode, redirectUri, authorizeEndpoint, tokenEndpoint, discoveryUrl);
    }

    /** A copy with explicit endpoints (authorize may be null for methods that do not use it). */
    public AuthSettings withEndpoints(URI authorize, URI token) {
        return new AuthSettings(method, clientId, scopes, callbackMode, redirectUri, authorize, token, null);
    }

    /** A copy that discovers its endpoints from an OIDC discovery URL. */
    public AuthSettings withDiscoveryUrl(URI url) {
        return new AuthSettings(method, clientId, scopes, callbackMode, redirectUri, null, null, url);
    }

    /** A copy with a callback mode and optional explicit redirect URI (authorization-code only). */
    public AuthSettings withCallback(CallbackMode mode, URI redirect) {
        return new AuthSettings(method, clientId, scopes, mode, redirect, authorizeEndpoint, tokenEndpoint, discoveryUrl);
    }
}
