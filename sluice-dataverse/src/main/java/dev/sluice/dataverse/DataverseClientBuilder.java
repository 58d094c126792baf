package dev.sluice.dataverse;

import dev.sluice.auth.TokenCredential;
import dev.sluice.core.DataverseHeaders;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.OutboundHttp;
import dev.sluice.core.Sleeper;
import dev.sluice.core.SluiceException;
import dev.sluice.http.RetryOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds a {@link DataverseClient}. Required: {@link #orgUrl} and {@link #credential}. Defaults: API
 * 9.2, 2-minute request timeout, {@link RetryOptions#DEFAULTS}, concurrency bounded by the server's
 * {@code x-ms-dop-hint} and at most 52, 5000-row pages. Not thread-safe.
 */
public final class DataverseClientBuilder {
    URI orgUrl;
    String apiVersion = "9.2";
    TokenCredential credential;
    Duration timeout = Duration.ofMinutes(2);
    RetryOptions retry = RetryOptions.DEFAULTS;
    int maxConcurrency = DataverseHeaders.MAX_CONCURRENCY;
    boolean readOnly;
    UUID impersonate;
    int pageSize = DataverseHeaders.MAX_PAGE_SIZE;
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = Sleeper.SYSTEM;
    HttpClient httpClient;
    OutboundHttp outbound;
    final List<String[]> extraHeaders = new ArrayList<>();

    DataverseClientBuilder() {}

    /** The org URL, e.g. {@code https://contoso.crm.dynamics.com} (or the emulator's {@code http://127.0.0.1:PORT}). */
    public DataverseClientBuilder orgUrl(String url) {
        URI u;
        try {
            u = URI.create(Objects.requireNonNull(url, "orgUrl").trim().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "'" + url + "' is not a URL; use the org URL such "
                    + "as https://contoso.crm.dynamics.com", e);
        }
        if (u.getScheme() == null || !(u.getScheme().equals("https") || u.getScheme().equals("http"))
                || u.getHost() == null || u.getRawQuery() != null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "'" + url + "' is not an org URL; use one such as "
                    + "https://contoso.crm.dynamics.com");
        }
        this.orgUrl = u;
        return this;
    }

    /**
     * Everything a stored connection says: org URL, API version, timeout, read-only, impersonation,
     * page size and concurrency, with the connection's credential.
     */
    public DataverseClientBuilder connection(dev.sluice.store.Connection connection, TokenCredential credential) {
        var s = connection.settings();
        var o = s.options();
        orgUrl(s.orgUrl().uri().toString());
        apiVersion(s.apiVersion());
        credential(credential);
        timeout(o.requestTimeout());
        readOnly(o.readOnly());
        impersonate(o.impersonate());
        pageSize(o.pageSize());
        maxConcurrency(o.maxConcurrency());
        return this;
    }

    /** Web API version, e.g. {@code 9.2}. */
    public DataverseClientBuilder apiVersion(String version) {
        if (!Objects.requireNonNull(version).matches("9\\.[0-2]")) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "API version must be 9.0, 9.1 or 9.2, got " + version);
        }
        this.apiVersion = version;
        return this;
    }

    public DataverseClientBuilder credential(TokenCredential credential) {
        this.credential = Objects.requireNonNull(credential, "credential");
        return this;
    }

    public DataverseClientBuilder timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.timeout = timeout;
        return this;
    }

    public DataverseClientBuilder retry(RetryOptions retry) {
        this.retry = Objects.requireNonNull(retry);
        return this;
    }

    /** Upper bound on concurrent requests of this identity (1..52); the server's dop hint may lower it. */
    public DataverseClientBuilder maxConcurrency(int n) {
        if (n < 1 || n > DataverseHeaders.MAX_CONCURRENCY) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "max concurrency must be 1..52, got " + n);
        }
        this.maxConcurrency = n;
        return this;
    }

    /** Refuse every write before anything is sent. */
    public DataverseClientBuilder readOnly(boolean readOnly) {
        this.readOnly = readOnly;
        return this;
    }

    /** Act as another user: sends {@code CallerObjectId} (their Entra object id). */
    public DataverseClientBuilder impersonate(UUID callerObjectId) {
        this.impersonate = callerObjectId;
        return this;
    }

    /** Rows per page, 1..5000. */
    public DataverseClientBuilder pageSize(int rows) {
        if (rows < 1 || rows > DataverseHeaders.MAX_PAGE_SIZE) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "page size must be 1..5000, got " + rows);
        }
        this.pageSize = rows;
        return this;
    }

    /** {@code MSCRM.BypassCustomPluginExecution: true} on every write. */
    public DataverseClientBuilder bypassCustomPlugins() {
        extraHeaders.add(new String[] {DataverseHeaders.BYPASS_CUSTOM_PLUGINS, "true"});
        return this;
    }

    /** {@code MSCRM.BypassBusinessLogicExecution} with {@code CustomSync}, {@code CustomAsync} or both. */
    public DataverseClientBuilder bypassBusinessLogic(String value) {
        if (!value.matches("(CustomSync|CustomAsync)(,(CustomSync|CustomAsync))?")) {
            throw new SluiceException(ErrorKind.INVALID_INPUT,
                    "bypass business logic must be CustomSync, CustomAsync or CustomSync,CustomAsync");
        }
        extraHeaders.add(new String[] {DataverseHeaders.BYPASS_BUSINESS_LOGIC, value});
        return this;
    }

    /** {@code MSCRM.SuppressDuplicateDetection: false} turns duplicate detection on for writes. */
    public DataverseClientBuilder duplicateDetection(boolean on) {
        extraHeaders.add(new String[] {DataverseHeaders.SUPPRESS_DUPLICATE_DETECTION, Boolean.toString(!on)});
        return this;
    }

    public DataverseClientBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /** Internal: how retries wait (tests observe waits without sleeping). */
    public DataverseClientBuilder sleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper);
        return this;
    }

    /**
     * Where requests go out (its policy decides which hosts they may reach). Default: Microsoft's hosts and the org
     * URL's own host and port; a nextLink or any other URL elsewhere is refused before it is sent.
     */
    public DataverseClientBuilder outbound(OutboundHttp value) {
        this.outbound = Objects.requireNonNull(value, "outbound");
        return this;
    }

    /**
     * The JDK client requests are sent with, e.g. {@link OutboundHttp#httpClient()} wrapped to count calls. It should
     * come from an {@link OutboundHttp}: that is where the outbound policy is enforced.
     */
    public DataverseClientBuilder httpClient(HttpClient client) {
        this.httpClient = Objects.requireNonNull(client);
        return this;
    }

    public DataverseClient build() {
        List<String> missing = new ArrayList<>();
        if (orgUrl == null) {
            missing.add("orgUrl");
        }
        if (credential == null) {
            missing.add("credential");
        }
        if (!missing.isEmpty()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "DataverseClientBuilder: missing " + String.join(", ",
                    missing));
        }
        return new DataverseClient(this);
    }
}
