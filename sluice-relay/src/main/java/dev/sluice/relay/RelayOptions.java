package dev.sluice.relay;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * How a relay runs: its public URL (the redirect URI registered with the identity provider), where it
 * binds, which destination hosts need no confirmation page, and its request rate limit. Immutable.
 *
 * @param publicUrl the relay's callback as registered, e.g. {@code https://relay.example.com/callback}
 * @param allowedHosts destination hosts forwarded to without a confirmation page
 * @param requestsPerSecond sustained requests per second across all callers (no caller is tracked)
 * @param burst requests allowed at once above the sustained rate
 */
public record RelayOptions(URI publicUrl, String host, int port, Set<String> allowedHosts, int requestsPerSecond,
        int burst) {
    public RelayOptions {
        if (publicUrl == null || publicUrl.getHost() == null
                || !("https".equals(publicUrl.getScheme()) || "http".equals(publicUrl.getScheme()))) {
            throw new IllegalArgumentException("the relay's public URL must be an absolute http(s) URL");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (requestsPerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate limits must be positive");
        }
        allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(
                java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Loopback defaults for tests and local use: 127.0.0.1, a random port, 20 requests/s, bursts of 40. */
    public static RelayOptions loopback(Set<String> allowedHosts) {
        return new RelayOptions(URI.create("http://127.0.0.1/callback"), "127.0.0.1", 0, allowedHosts, 20, 40);
    }
}
