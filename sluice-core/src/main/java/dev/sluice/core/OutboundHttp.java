package dev.sluice.core;

import dev.sluice.core.internal.PolicyHttpClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one way out: every request Sluice sends to Dataverse, to an identity provider and to OIDC discovery goes
 * through the {@link HttpClient} this gives. Before each request it checks the destination against the current
 * {@link OutboundPolicy} (when it is refused, no connection is opened and nothing is sent); it never follows
 * redirects; connecting has a timeout. This is the place for transport settings that apply to every
 * outbound call (an HTTP proxy, extra trusted CAs), so they are set once. Immutable and thread-safe.
 */
public final class OutboundHttp {
    /** Default time to open a connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<OutboundPolicy> policy;
    private final Duration connectTimeout;
    private final HttpClient client;

    private OutboundHttp(Builder b) {
        this.policy = b.policy;
        this.connectTimeout = b.connectTimeout;
        // HTTP/1.1: Dataverse and the identity platform speak it everywhere; redirects never followed (a 3xx is an
        // answer the caller sees), so a request cannot be bounced to a host the policy did not check.
        HttpClient jdk = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.client = new PolicyHttpClient(jdk, uri -> this.policy.get().check(uri));
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

    /** Sends a request through {@link #httpClient()}. */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return client.send(request, handler);
    }

    /** Configures an {@link OutboundHttp}. Not thread-safe. */
    public static final class Builder {
        private Supplier<OutboundPolicy> policy;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

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

        /** Builds it; names a missing policy. */
        public OutboundHttp build() {
            if (policy == null) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "OutboundHttp: policy(...) is required");
            }
            return new OutboundHttp(this);
        }
    }
}
