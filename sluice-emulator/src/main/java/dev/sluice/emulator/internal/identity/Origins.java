package dev.sluice.emulator.internal.identity;

import java.net.URI;
import java.util.Locale;

/** Comparisons of URL origins on loopback, where 127.0.0.1 and localhost name the same server. Stateless. */
final class Origins {
    private Origins() {}

    /**
     * Whether {@code url} is exactly an origin ({@code http://host:port}, or https when the emulator serves TLS) of
     * the server at {@code origin}.
     */
    static boolean sameServer(String url, String origin) {
        try {
            URI a = URI.create(url);
            URI b = URI.create(origin);
            boolean bare = (a.getRawPath() == null || a.getRawPath().isEmpty()) && a.getRawQuery() == null
                    && a.getRawFragment() == null && a.getRawUserInfo() == null;
            return bare && a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && port(a) == port(b)
                    && a.getHost() != null
                    && (a.getHost().equalsIgnoreCase(b.getHost()) || loopback(a.getHost()) && loopback(b.getHost()));
        } catch (IllegalArgumentException e) {
            // not a URI: not the same origin
            return false;
        }
    }

    static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("127.0.0.1") || h.equals("localhost");
    }

    static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
