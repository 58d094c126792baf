package dev.sluice.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.auth.internal.Json;
import dev.sluice.auth.internal.StoreTokenPersistence;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.OutboundHttp;
import dev.sluice.core.OutboundPolicy;
import dev.sluice.core.ProxySettings;
import dev.sluice.core.Secret;
import dev.sluice.core.Sleeper;
import dev.sluice.core.SluiceException;
import dev.sluice.store.AuthMethod;
import dev.sluice.store.AuthSettings;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionProxy;
import dev.sluice.store.ConnectionType;
import dev.sluice.store.SecretStore;
import dev.sluice.store.SluiceStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a stored connection into what talks to its identity provider: endpoints (Microsoft authority
 * and tenant, OIDC discovery, or explicit URLs), the OAuth client (public, secret, or certificate from
 * the encrypted secrets), default scopes, and a {@link TokenCredential} that refreshes through the
 * store. One credential per connection is kept, so every caller shares its cache. Thread-safe.
 */
public final class ConnectionCredentials {
    /** Refresh this long before the access token expires. */
    public static final Duration REFRESH_SKEW = Duration.ofMinutes(5);
    private static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Business Central's API resource: delegated scope {@code …/user_impersonation}, client credentials
     * {@code …/.default} (Microsoft: "Using Service-to-Service authentication", "API endpoint structure").
     */
    public static final String BUSINESS_CENTRAL_RESOURCE = "https://api.businesscentral.dynamics.com";

    private final SluiceStore store;
    private final Clock clock;
    private final OutboundHttp outbound;
    private final Sleeper sleeper;
    private final Map<String, TokenCredential> credentials = new ConcurrentHashMap<>();
    private final Map<URI, OAuthEndpoints> discovered = new ConcurrentHashMap<>();
    private final Map<String, OutboundHttp> connectionOutbound = new ConcurrentHashMap<>();

    /**
     * Credentials for a single-user process (the CLI, a program using the library): requests may go to Microsoft's
     * hosts, the hosts on the store's outbound allowlist, and this machine's loopback addresses.
     */
    public ConnectionCredentials(SluiceStore store, Clock clock) {
        this(store, clock, OutboundHttp.builder()
                .policy(() -> store.outboundHosts().policy().with(OutboundPolicy.LOOPBACK)).build());
    }

    /** Credentials whose identity-provider and discovery requests go out through {@code outbound} (a server's). */
    public ConnectionCredentials(SluiceStore store, Clock clock, OutboundHttp outbound) {
        this(store, clock, outbound, Sleeper.SYSTEM);
    }

    /** As above; {@code sleeper} waits between a refresh's attempts (tests pass one that does not sleep). */
    public ConnectionCredentials(SluiceStore store, Clock clock, OutboundHttp outbound, Sleeper sleeper) {
        this.store = store;
        this.clock = clock;
        this.outbound = outbound;
        this.sleeper = sleeper;
    }

    /** Where requests go out for connections without a proxy of their own. */
    public OutboundHttp outbound() {
        return outbound;
    }

    /**
     * Where every request of this connection goes out (its service's API, its identity provider, its OIDC
     * discovery): through the connection's own proxy when it has one (or direct when it is set so), else as
     * {@link #outbound()}. The process's no-proxy list applies either way. Cached per settings version.
     */
    public OutboundHttp outbound(Connection c) {
        return connectionOutbound.computeIfAbsent(c.id() + "@" + c.updatedAt(), k -> {
            java.util.Optional<ConnectionProxy> own = store.connectionProxies().get(c.id());
            if (own.isEmpty()) {
                return outbound;
            }
            java.util.List<String> noProxy = outbound.proxy() == null ? java.util.List.of() : outbound.proxy().noProxy();
            ConnectionProxy p = own.get();
            if (p.isDirect()) {
                return outbound.withProxy(ProxySettings.NONE);
            }
            Secret password = p.user() == null ? null : store.connectionProxies().password(c, p).orElse(null);
            return outbound.withProxy(ProxySettings.of(p.toHttpProxy(password), noProxy));
        });
    }

    public SluiceStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    /** The credential of a connection (cached; settings changes are picked up through {@link #forget}). */
    public TokenCredential credential(Connection c) {
        return credentials.computeIfAbsent(c.id() + "@" + c.updatedAt(), k -> create(c));
    }

    /** Drops the cached credential of a connection (after a sign-out or a settings change). */
    public void forget(Connection c) {
        credentials.keySet().removeIf(k -> k.startsWith(c.id() + "@"));
        connectionOutbound.keySet().removeIf(k -> k.startsWith(c.id() + "@"));
    }

    private TokenCredential create(Connection c) {
        AuthSettings auth = c.settings().auth();
        if (auth.method() == AuthMethod.STATIC_TOKEN && auth.clientId() == null) {
            return new StoredStaticCredential(c, new StoreTokenPersistence(store.tokens(), c.id()), clock);
        }
        boolean appOnly = auth.method() == AuthMethod.CLIENT_SECRET || auth.method() == AuthMethod.CLIENT_CERTIFICATE;
        return new RefreshingTokenCredential(c.name(), tokenClient(c), scopes(c), appOnly,
                new StoreTokenPersistence(store.tokens(), c.id()), clock, REFRESH_SKEW, sleeper);
    }

    /** A token client for the connection's identity provider and OAuth client. */
    public TokenClient tokenClient(Connection c) {
        return new TokenClient(endpoints(c), oauthClient(c), clock, TOKEN_TIMEOUT, outbound(c));
    }

    /**
     * The scopes to ask for: the connection's own, else the service's defaults for its auth method — Dataverse's
     * {@code {org}/user_impersonation} or {@code {org}/.default}, Business Central's
     * {@code https://api.businesscentral.dynamics.com/user_impersonation} or {@code …/.default} (with
     * {@code offline_access openid profile} for the delegated methods).
     */
    public List<String> scopes(Connection c) {
        AuthSettings auth = c.settings().auth();
        if (!auth.scopes().isEmpty()) {
            return auth.scopes();
        }
        // a Business Central token is always for its API resource, also when the emulator serves the API
        String org = c.settings().type() == ConnectionType.BUSINESS_CENTRAL ? BUSINESS_CENTRAL_RESOURCE
                : c.settings().orgUrl().uri().toString();
        return switch (auth.method()) {
            case CLIENT_SECRET, CLIENT_CERTIFICATE -> List.of(org + "/.default");
            default -> AuthorizationCodeFlow.dataverseScopes(org);
        };
    }

    /** Where the connection's identity provider takes requests. */
    public OAuthEndpoints endpoints(Connection c) {
        AuthSettings auth = c.settings().auth();
        if (auth.tokenEndpoint() != null) {
            URI authorize = auth.authorizeEndpoint() != null ? auth.authorizeEndpoint() : auth.tokenEndpoint();
            return new OAuthEndpoints(authorize, auth.tokenEndpoint(), null);
        }
        if (auth.discoveryUrl() != null) {
            return discovered.computeIfAbsent(auth.discoveryUrl(), u -> discover(u, outbound(c)));
        }
        String tenant = c.settings().tenant() == null ? "organizations" : c.settings().tenant();
        return OAuthEndpoints.microsoft(c.settings().authority().url(), tenant);
    }

    /** The OAuth client: public, or authenticated by the stored secret or certificate. */
    public OAuthClient oauthClient(Connection c) {
        AuthSettings auth = c.settings().auth();
        SecretStore secrets = store.secrets();
        String clientId = auth.clientId();
        if (clientId == null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "connection '" + c.name()
                    + "' has no client id; edit it and give the application (client) id");
        }
        return switch (auth.method()) {
            // getFor: a secret stored for another token endpoint is refused, never sent to this one
            case CLIENT_SECRET -> OAuthClient.withSecret(clientId, secrets.getFor(c, SecretStore.CLIENT_SECRET)
                    .orElseThrow(() -> missing(c, "client secret")));
            case CLIENT_CERTIFICATE -> OAuthClient.withCertificate(clientId, ClientCertificate.fromPem(
                    secrets.getFor(c, SecretStore.CERTIFICATE_PRIVATE_KEY).orElseThrow(() -> missing(c,
                            "certificate private key")).reveal(),
                    secrets.get(c.id(), SecretStore.CERTIFICATE).map(Secret::reveal).orElse(null)));
            default -> secrets.getFor(c, SecretStore.CLIENT_SECRET)
                    .map(s -> OAuthClient.withSecret(clientId, s))
                    .orElseGet(() -> OAuthClient.publicClient(clientId));
        };
    }

    private static SluiceException missing(Connection c, String what) {
        return new SluiceException(ErrorKind.INVALID_INPUT, "connection '" + c.name() + "' has no " + what
                + " stored; edit the connection to give it");
    }

    private OAuthEndpoints discover(URI discoveryUrl, OutboundHttp outbound) {
        String where = OutboundPolicy.origin(discoveryUrl);
        try {
            HttpResponse<String> r = outbound.send(HttpRequest.newBuilder(discoveryUrl).timeout(TOKEN_TIMEOUT).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new SluiceException(ErrorKind.TRANSIENT, "OIDC discovery at " + where + " answered HTTP "
                        + r.statusCode());
            }
            JsonNode doc;
            try {
                doc = Json.MAPPER.readTree(r.body());
            } catch (IOException e) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "the OIDC discovery document at " + where
                        + " is not JSON", e);
            }
            String authz = doc.path("authorization_endpoint").asText(null);
            String token = doc.path("token_endpoint").asText(null);
            String device = doc.path("device_authorization_endpoint").asText(null);
            if (token == null) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "the OIDC discovery document at " + where
                        + " names no token_endpoint");
            }
            try {
                return new OAuthEndpoints(URI.create(authz == null ? token : authz), URI.create(token),
                        device == null ? null : URI.create(device));
            } catch (IllegalArgumentException e) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "the OIDC discovery document at " + where
                        + " names an endpoint that is not a URL", e);
            }
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.TRANSIENT, "OIDC discovery at " + where + " failed: "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException(ErrorKind.TRANSIENT, "interrupted during OIDC discovery", e);
        }
    }

    /**
     * A brought token without a client to refresh it ({@code sluice auth login --token-file}): used until it
     * expires, then AUTH. Read from the store (decrypted) at most once per {@link #RELOAD}, not per request (an import
     * spent a seventh of its CPU re-reading it), again at once after the service refused it (a new one may have been
     * stored), and when the one read has expired.
     */
    private static final class StoredStaticCredential implements TokenCredential {
        /** How long a token read from the store is used before it is read again (another process may replace it). */
        static final Duration RELOAD = Duration.ofSeconds(10);
        private final Connection connection;
        private final TokenPersistence persistence;
        private final Clock clock;
        private volatile TokenSet cached;
        private volatile Instant readAt = Instant.MIN;

        StoredStaticCredential(Connection connection, TokenPersistence persistence, Clock clock) {
            this.connection = connection;
            this.persistence = persistence;
            this.clock = clock;
        }

        @Override
        public AccessToken token() {
            Instant now = clock.instant();
            TokenSet t = cached;
            if (t == null || now.isBefore(readAt) || !now.isBefore(readAt.plus(RELOAD)) || !now.isBefore(t.expiresAt())) {
                t = load(now);
            }
            return valid(t, now);
        }

        @Override
        public AccessToken refreshAfterRejection(AccessToken rejected) {
            Instant now = clock.instant();
            return valid(load(now), now);
        }

        private TokenSet load(Instant now) {
            TokenSet t = persistence.load();
            cached = t;
            readAt = now;
            return t;
        }

        private AccessToken valid(TokenSet t, Instant now) {
            if (t == null) {
                throw new OAuthException(ErrorKind.AUTH, "needs_authorization", 0, "connection '" + connection.name()
                        + "' holds no token; store one with sluice auth login " + connection.name() + " --token-file");
            }
            if (!now.isBefore(t.expiresAt())) {
                throw new OAuthException(ErrorKind.AUTH, "expired", 0, "the token of connection '" + connection.name()
                        + "' expired at " + t.expiresAt() + "; bring a new one");
            }
            return t.access();
        }

        @Override
        public String identity() {
            return connection.name();
        }
    }
}
