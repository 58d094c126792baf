package dev.sluice.core.internal;

import dev.sluice.core.HttpProxy;
import dev.sluice.core.ProxySettings;
import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link ProxySettings} as the JDK client wants them: a {@link ProxySelector} asked for each request, and an
 * {@link Authenticator} that answers only the configured proxies' own {@code 407} challenges (never a server's
 * {@code 401}, never another host). Thread-safe.
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

    /** The authenticator, or null when no proxy of the settings has credentials. */
    public static Authenticator authenticator(ProxySettings settings) {
        List<HttpProxy> withCredentials = java.util.stream.Stream.of(settings.https(), settings.http())
                .filter(p -> p != null && p.hasCredentials()).distinct().toList();
        if (withCredentials.isEmpty()) {
            return null;
        }
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                if (getRequestorType() != RequestorType.PROXY || getRequestingHost() == null) {
                    return null;
                }
                String host = getRequestingHost().toLowerCase(Locale.ROOT);
                for (HttpProxy p : withCredentials) {
                    if (p.host().equals(host) && p.port() == getRequestingPort()) {
                        return new PasswordAuthentication(p.user(), p.password().reveal().toCharArray());
                    }
                }
                return null;
            }
        };
    }
}
