package dev.sluice.core;

import dev.sluice.core.internal.OutboundFailures;
import dev.sluice.core.internal.PolicyHttpClient;
import dev.sluice.core.internal.ProxyRouting;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The one way out: every request Sluice sends to Dataverse, to an identity provider and to OIDC discovery goes
 * through the {@link HttpClient} this gives. Before each request it checks the destination against the current
 * {@link OutboundPolicy} (when it is refused, no connection is opened and nothing is sent); it never follows
 * redirects; connecting has a timeout. It also holds the transport settings that apply to every outbound call, so
 * they are set once: the HTTP proxy ({@link ProxySettings}; the policy checks the destination, never the proxy,
 * which is configuration an admin sets) and extra trusted CAs ({@link TrustBundle}). A TLS certificate that is not
 * trusted, and a proxy that refuses, fail with a {@link SluiceException} that says which and what to do.
 * Immutable and thread-safe.
 */
public final class OutboundHttp {
    /** Default time to open a connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The JDK refuses Basic credentials for {@code CONNECT} tunnels unless this system property allows them; it is
     * read once, when the JDK client's classes load, so it is set here, before any outbound client exists. A proxy
     * asking for Basic credentials is what corporate proxies do; the credentials go only to the configured proxy.
     */
    static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    static {
        allowBasicProxyCredentials();
    }

    private final Supplier<OutboundPolicy> policy;
    private final Duration connectTimeout;
    private final ProxySettings proxy;
    private final TrustBundle trust;
    private final HttpClient client;
    private final Map<ProxySettings, OutboundHttp> variants;

    private OutboundHttp(Builder b) {
        this(b.policy, b.connectTimeout, b.proxy, b.trust, new ConcurrentHashMap<>());
    }

    private OutboundHttp(Supplier<OutboundPolicy> policy, Duration connectTimeout, ProxySettings proxy,
            TrustBundle trust, Map<ProxySettings, OutboundHttp> variants) {
        this.policy = policy;
        this.connectTimeout = connectTimeout;
        this.proxy = proxy;
        this.trust = trust;
        this.variants = variants;
        // HTTP/1.1: Dataverse and the identity platform speak it everywhere; redirects never followed (a 3xx is an
        // answer the caller sees), so a request cannot be bounced to a host the policy did not check.
        HttpClient.Builder jdk = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER);
        if (proxy != null) {
            // a proxy configured in Sluice decides alone (no proxy: direct); without one, the JVM's default selector
            // (its http(s).proxyHost properties, unset by default) applies as before. No Authenticator: the JDK would
            // then drop every request's Authorization header; proxy credentials go in each request instead.
            jdk.proxy(ProxyRouting.selector(proxy));
        }
        if (trust != null) {
            jdk.sslContext(trust.sslContext());
        }
        ProxySettings routes = proxy == null ? ProxySettings.NONE : proxy;
        String trustSource = trust == null ? null : trust.source().toString();
        this.client = new PolicyHttpClient(jdk.build(),
                uri -> this.policy.get().check(uri, routes.proxyFor(uri).isPresent()),
                request -> ProxyRouting.withCredentials(request, routes),
                (uri, e) -> OutboundFailures.translate(uri, e, routes.proxyFor(uri), trustSource),
                (uri, status, headers) -> OutboundFailures.checkProxyAnswer(uri, status, headers,
                        routes.proxyFor(uri)));
    }

    /** Sets {@value #TUNNELING_DISABLED_SCHEMES} to allow Basic, unless the JVM was started with a value. */
    public static void allowBasicProxyCredentials() {
        if (System.getProperty(TUNNELING_DISABLED_SCHEMES) == null) {
            System.setProperty(TUNNELING_DISABLED_SCHEMES, "");
        }
    }

    /** A builder: the policy is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Outbound HTTP under a fixed policy, with the defaults for everything else. */
    public static OutboundHttp of(OutboundPolicy policy) {
        return builder().policy(policy).build();
    }

    /** The client every outbound request goes through (checks the policy on each send). */
    public HttpClient httpClient() {
        return client;
    }

    /** The policy in force now. */
    public OutboundPolicy policy() {
        return policy.get();
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The proxy settings (null: none configured in Sluice, the JVM's default selector applies). */
    public ProxySettings proxy() {
        return proxy;
    }

    /** The extra trusted CAs, or null. */
    public TrustBundle trust() {
        return trust;
    }

    /**
     * The same policy, timeout and trust with other proxy settings (a connection's own proxy, or
     * {@link ProxySettings#NONE} for direct). Variants are kept, so asking again with equal settings returns the same
     * client and its connection pool.
     */
    public OutboundHttp withProxy(ProxySettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (settings.equals(proxy)) {
            return this;
        }
        return variants.computeIfAbsent(settings, s -> new OutboundHttp(policy, connectTimeout, s, trust, variants));
    }

    /** The proxy a request to {@code url} would go through, if any. */
    public java.util.Optional<HttpProxy> proxyFor(URI url) {
        return proxy == null ? java.util.Optional.empty() : proxy.proxyFor(url);
    }

    /** Sends a request through {@link #httpClient()}. */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return client.send(request, handler);
    }

    /** Configures an {@link OutboundHttp}. Not thread-safe. */
    public static final class Builder {
        private Supplier<OutboundPolicy> policy;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private ProxySettings proxy;
        private TrustBundle trust;

        private Builder() {}

        /** A fixed policy. */
        public Builder policy(OutboundPolicy value) {
            Objects.requireNonNull(value, "policy");
            this.policy = () -> value;
            return this;
        }

        /** A policy read before every request (e.g. an allowlist an admin edits while the server runs). */
        public Builder policy(Supplier<OutboundPolicy> value) {
            this.policy = Objects.requireNonNull(value, "policy");
            return this;
        }

        public Builder connectTimeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "connect timeout must be positive");
            }
            this.connectTimeout = value;
            return this;
        }

        /**
         * The HTTP proxy of every request (null, the default: none configured here). {@link ProxySettings#NONE} sends
         * everything direct, also when the JVM has proxy properties.
         */
        public Builder proxy(ProxySettings value) {
            this.proxy = value;
            return this;
        }

        /** CA certificates trusted besides the JDK's (null, the default: only the JDK's). */
        public Builder trust(TrustBundle value) {
            this.trust = value;
            return this;
        }

        /** Builds it; names a missing policy. */
        public OutboundHttp build() {
            if (policy == null) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "OutboundHttp: policy(...) is required");
            }
            return new OutboundHttp(this);
        }
    }
}
