package dev.sluice.businesscentral;

import dev.sluice.auth.TokenCredential;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.OutboundHttp;
import dev.sluice.core.Sleeper;
import dev.sluice.core.SluiceException;
import dev.sluice.http.RetryOptions;
import dev.sluice.store.BusinessCentralSettings;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionType;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link BusinessCentralClient}. Required: {@link #tenant}, {@link #environment} and {@link #credential}.
 * Defaults: the API host {@code https://api.businesscentral.dynamics.com}, 2-minute request timeout,
 * {@link RetryOptions#DEFAULTS}, at most 5 requests in parallel per identity, 5000 entities per page. Not thread-safe.
 */
public final class BusinessCentralClientBuilder {
    /** Microsoft's "API endpoint structure": the base of every Business Central API URL. */
    public static final String API_HOST = "https://api.businesscentral.dynamics.com";
    /** Microsoft's operational limits: at most 20,000 entities per page. */
    public static final int MAX_PAGE_SIZE = 20000;
    /**
     * Microsoft's operational limits: 5 OData/API requests of a user are processed at once (more wait in a queue of
     * 95), so more in parallel only queue.
     */
    public static final int DEFAULT_CONCURRENCY = 5;

    URI apiHost = URI.create(API_HOST);
    String tenant;
    String environment;
    TokenCredential credential;
    Duration timeout = Duration.ofMinutes(2);
    RetryOptions retry = RetryOptions.DEFAULTS;
    int maxConcurrency = DEFAULT_CONCURRENCY;
    int pageSize = 5000;
    boolean readOnly;
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = Sleeper.SYSTEM;
    HttpClient httpClient;
    OutboundHttp outbound;

    BusinessCentralClientBuilder() {}

    /** The API host: Business Central's ({@link #API_HOST}, the default) or the emulator's {@code http://127.0.0.1:PORT}. */
    public BusinessCentralClientBuilder apiHost(String url) {
        URI u;
        try {
            u = URI.create(Objects.requireNonNull(url, "apiHost").trim().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "'" + url + "' is not a URL; use " + API_HOST, e);
        }
        if (u.getScheme() == null || !(u.getScheme().equals("https") || u.getScheme().equals("http"))
                || u.getHost() == null || u.getRawQuery() != null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "'" + url + "' is not an API host; use " + API_HOST);
        }
        this.apiHost = URI.create(u.getScheme() + "://" + u.getRawAuthority());
        return this;
    }

    /** The Entra tenant: its GUID or a domain of it ({@code contoso.onmicrosoft.com}). */
    public BusinessCentralClientBuilder tenant(String tenant) {
        this.tenant = Objects.requireNonNull(tenant, "tenant").strip();
        return this;
    }

    /** The environment's name: {@code production}, {@code sandbox} or any named one. */
    public BusinessCentralClientBuilder environment(String environment) {
        this.environment = new BusinessCentralSettings(environment, null).environment();
        return this;
    }

    /**
     * Everything a stored {@code business-central} connection says: API host, tenant, environment, timeout, read-only,
     * page size and concurrency, with the connection's credential. The company is the record provider's business.
     */
    public BusinessCentralClientBuilder connection(Connection connection, TokenCredential credential) {
        var s = connection.settings();
        if (s.type() != ConnectionType.BUSINESS_CENTRAL) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "connection '" + connection.name() + "' is a "
                    + s.type().wireName() + " connection, not business-central");
        }
        apiHost(s.orgUrl().uri().toString());
        tenant(s.tenant());
        environment(s.businessCentral().environment());
        credential(credential);
        timeout(s.options().requestTimeout());
        readOnly(s.options().readOnly());
        pageSize(s.options().pageSize());
        maxConcurrency(Math.min(DEFAULT_CONCURRENCY, s.options().maxConcurrency()));
        return this;
    }

    public BusinessCentralClientBuilder credential(TokenCredential credential) {
        this.credential = Objects.requireNonNull(credential, "credential");
        return this;
    }

    public BusinessCentralClientBuilder timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.timeout = timeout;
        return this;
    }

    public BusinessCentralClientBuilder retry(RetryOptions retry) {
        this.retry = Objects.requireNonNull(retry);
        return this;
    }

    /** Upper bound on concurrent requests of this identity (1..52). */
    public BusinessCentralClientBuilder maxConcurrency(int n) {
        if (n < 1 || n > 52) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "max concurrency must be 1..52, got " + n);
        }
        this.maxConcurrency = n;
        return this;
    }

    /** Entities per page ({@code Prefer: odata.maxpagesize}), 1..20000. */
    public BusinessCentralClientBuilder pageSize(int entities) {
        if (entities < 1 || entities > MAX_PAGE_SIZE) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "page size must be 1..20000, got " + entities);
        }
        this.pageSize = entities;
        return this;
    }

    /** Refuse every write before anything is sent. */
    public BusinessCentralClientBuilder readOnly(boolean readOnly) {
        this.readOnly = readOnly;
        return this;
    }

    public BusinessCentralClientBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /** How retries wait (tests observe waits without sleeping). */
    public BusinessCentralClientBuilder sleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper);
        return this;
    }

    /**
     * Where requests go out (its policy decides which hosts they may reach). Default: Microsoft's hosts and the API
     * host's own host and port; a nextLink or any other URL elsewhere is refused before it is sent.
     */
    public BusinessCentralClientBuilder outbound(OutboundHttp value) {
        this.outbound = Objects.requireNonNull(value, "outbound");
        return this;
    }

    /**
     * The JDK client requests are sent with, e.g. {@link OutboundHttp#httpClient()} wrapped to count calls. It should
     * come from an {@link OutboundHttp}: that is where the outbound policy is enforced.
     */
    public BusinessCentralClientBuilder httpClient(HttpClient client) {
        this.httpClient = Objects.requireNonNull(client);
        return this;
    }

    public BusinessCentralClient build() {
        List<String> missing = new ArrayList<>();
        if (tenant == null || tenant.isEmpty()) {
            missing.add("tenant");
        }
        if (environment == null) {
            missing.add("environment");
        }
        if (credential == null) {
            missing.add("credential");
        }
        if (!missing.isEmpty()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "BusinessCentralClientBuilder: missing "
                    + String.join(", ", missing));
        }
        return new BusinessCentralClient(this);
    }
}
