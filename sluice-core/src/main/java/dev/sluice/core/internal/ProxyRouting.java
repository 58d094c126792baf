package dev.sluice.core.internal;

import dev.sluice.core.HttpProxy;
import dev.sluice.core.ProxySettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@link ProxySettings} as the JDK client wants them: a {@link ProxySelector} asked for each request, and each
 * request's {@code Proxy-Authorization} for the proxy it goes through (never for another host). Thread-safe.
 */
public final class ProxyRouting {
    private ProxyRouting() {}

    /** The selector: the settings' proxy for the URI, else direct. Proxy addresses are resolved when used. */
    public static ProxySelector selector(ProxySettings settings) {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                Optional<HttpProxy> p = settings.proxyFor(uri);
                return List.of(p.map(h -> new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(h.host(),
                        h.port()))).orElse(Proxy.NO_PROXY));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // nothing to fall back to: the request fails with the proxy named in its error
            }
        };
    }

    /**
     * The request with the {@code Proxy-Authorization} its proxy needs (Basic, RFC 7617), or the request itself when
     * it goes direct or its proxy has no credentials. Sent up front: the JDK's own {@code Authenticator} would drop the
     * request's {@code Authorization} header (the bearer token), and this saves the 407 round trip. The JDK sends the
     * header to the proxy only: in the {@code CONNECT} of a tunnel, never inside it.
     */
    public static HttpRequest withCredentials(HttpRequest request, ProxySettings settings) {
        Optional<HttpProxy> p = settings.proxyFor(request.uri());
        if (p.isEmpty() || !p.get().hasCredentials()) {
            return request;
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString((p.get().user() + ":"
                + p.get().password().reveal()).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Proxy-Authorization"))
                .header("Proxy-Authorization", basic).build();
    }
}
