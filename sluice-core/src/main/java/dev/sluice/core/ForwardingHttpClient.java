package dev.sluice.core;

import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK {@link HttpClient} that answers every accessor (timeouts, redirects, proxy, TLS, version, executor…) from
 * its delegate. Subclasses implement {@code send} and both {@code sendAsync}s, where they add what they are for
 * (a policy check, a count); the sends are left abstract so that none goes to the delegate unseen.
 * {@code newWebSocketBuilder} is not forwarded either (the JDK's default refuses it): a web socket would pass
 * the subclass by. Thread-safe when the delegate is.
 */
public abstract class ForwardingHttpClient extends HttpClient {
    private final HttpClient delegate;

    protected ForwardingHttpClient(HttpClient delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The client every request finally goes through. */
    protected final HttpClient delegate() {
        return delegate;
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
