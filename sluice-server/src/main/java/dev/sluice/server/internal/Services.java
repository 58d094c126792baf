package dev.sluice.server.internal;

import dev.sluice.auth.ConnectionAuthorizer;
import dev.sluice.auth.ConnectionCredentials;
import dev.sluice.core.OutboundHttp;
import dev.sluice.store.SluiceStore;
import java.net.URI;
import java.time.Clock;

/**
 * What every handler works with, built once per server. Immutable; every part is thread-safe.
 *
 * @param store the engine database
 * @param clock the clock
 * @param credentials connections' credentials
 * @param authorizer authorizes connections
 * @param access grant checks
 * @param authenticator sessions, tokens, CSRF
 * @param clients Dataverse clients per connection
 * @param metrics Prometheus metrics
 * @param publicBaseUrl the URL people reach this server at (no trailing slash), for redirect URIs
 * @param outbound where every outbound request goes (the allowlist: Microsoft's, the store's, this server's)
 * @param bodyLimits request body limits
 */
public record Services(SluiceStore store, Clock clock, ConnectionCredentials credentials,
        ConnectionAuthorizer authorizer, Access access, Authenticator authenticator, DataverseClients clients,
        ServerMetrics metrics, URI publicBaseUrl, OutboundHttp outbound, BodyLimits bodyLimits) {
    /** The server's OAuth callback path. */
    public static final String CALLBACK_PATH = "/oauth2/callback";
    /** Also accepted: the path the emulator's built-in "Sluice Server" app registers. */
    public static final String LEGACY_CALLBACK_PATH = "/oauth/callback";

    /** API tokens: who may create, list and revoke which. */
    public ApiTokens tokens() {
        return new ApiTokens(store, clock, access);
    }

    /** The default redirect URI of server-mode authorization-code connections. */
    public URI defaultRedirectUri() {
        return URI.create(publicBaseUrl + CALLBACK_PATH);
    }

    /** Whether {@code uri} is one of this server's own callback URLs (anything else would send codes away). */
    public boolean isOwnCallback(URI uri) {
        String s = uri.toString();
        return s.equals(publicBaseUrl + CALLBACK_PATH) || s.equals(publicBaseUrl + LEGACY_CALLBACK_PATH);
    }
}
