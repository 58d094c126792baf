package dev.sluice.server.internal;

import dev.sluice.auth.AccessToken;
import dev.sluice.auth.ConnectionCredentials;
import dev.sluice.auth.TokenCredential;
import dev.sluice.businesscentral.BusinessCentralClient;
import dev.sluice.businesscentral.BusinessCentralRecordProvider;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionType;
import dev.sluice.core.OutboundHttp;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One {@link DataverseClient} per connection and settings version, sharing the connection's credential, so its
 * throttle gate and token cache are shared by every request. Calls and token refreshes are counted. Thread-safe.
 */
public final class DataverseClients {
    private final ConnectionCredentials credentials;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final Map<OutboundHttp, HttpClient> http = new ConcurrentHashMap<>();
    private final Map<String, DataverseClient> clients = new ConcurrentHashMap<>();
    private final Map<String, BusinessCentralRecordProvider> businessCentral = new ConcurrentHashMap<>();

    /** @param outbound where Dataverse requests go out (its policy is checked on every request, nextLinks too) */
    public DataverseClients(ConnectionCredentials credentials, ServerMetrics metrics, Clock clock,
            OutboundHttp outbound) {
        this.credentials = credentials;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The counted client of the connection's way out (its own proxy, or the server's). */
    private HttpClient http(Connection c) {
        return http.computeIfAbsent(credentials.outbound(c),
                o -> new CountingHttpClient(o.httpClient(), metrics::dataverseCall));
    }

    /** The client of this connection. */
    public DataverseClient client(Connection c) {
        return clients.computeIfAbsent(c.id() + "@" + c.updatedAt(), k -> {
            DataverseClient client = DataverseClient.builder()
                    .connection(c, new CountingCredential(credentials.credential(c), metrics))
                    .httpClient(http(c)).clock(clock).build();
            metrics.throttleWait(metrics.label(c), () -> client.gate().totalWait());
            return client;
        });
    }

    /**
     * The Business Central record provider of a {@code business-central} connection (its company, or every company),
     * over a client that shares the connection's credential and counts calls like the Dataverse clients.
     */
    public BusinessCentralRecordProvider businessCentral(Connection c) {
        return businessCentral.computeIfAbsent(c.id() + "@" + c.updatedAt(), k -> {
            BusinessCentralClient client = BusinessCentralClient.builder()
                    .connection(c, new CountingCredential(credentials.credential(c), metrics))
                    .httpClient(http(c)).clock(clock).build();
            metrics.throttleWait(metrics.label(c), () -> client.gate().totalWait());
            return new BusinessCentralRecordProvider(client, c.settings().businessCentral().company());
        });
    }

    /** Whether a connection is Business Central's (its data goes through {@link #businessCentral}). */
    public static boolean isBusinessCentral(Connection c) {
        return c.settings().type() == ConnectionType.BUSINESS_CENTRAL;
    }

    /** Drops cached clients of a connection (after an edit, sign-out or delete). */
    public void forget(Connection c) {
        clients.keySet().removeIf(k -> k.startsWith(c.id() + "@"));
        businessCentral.keySet().removeIf(k -> k.startsWith(c.id() + "@"));
        credentials.forget(c);
    }

    /** Counts a refresh whenever the credential hands out a token with a new expiry. */
    private static final class CountingCredential implements TokenCredential {
        private final TokenCredential delegate;
        private final ServerMetrics metrics;
        private final AtomicReference<Instant> lastExpiry = new AtomicReference<>();

        CountingCredential(TokenCredential delegate, ServerMetrics metrics) {
            this.delegate = delegate;
            this.metrics = metrics;
        }

        @Override
        public AccessToken token() {
            return seen(delegate.token());
        }

        @Override
        public AccessToken refreshAfterRejection(AccessToken rejected) {
            return seen(delegate.refreshAfterRejection(rejected));
        }

        private AccessToken seen(AccessToken t) {
            Instant before = lastExpiry.getAndSet(t.expiresAt());
            if (before != null && !before.equals(t.expiresAt())) {
                metrics.tokenRefreshed();
            }
            return t;
        }

        @Override
        public String identity() {
            return delegate.identity();
        }
    }
}
