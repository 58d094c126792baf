package dev.sluice.cli;

import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;

/**
 * Builds the JDK's default TLS context (its trust store read and parsed: about a tenth of a read command's start) on a
 * daemon thread while the command opens the store, so that the HTTP client finds it ready. The reads on the user's path
 * ({@code query}, {@code export}) start it first: their start is on the clock of every read, and the second core is idle
 * then; {@code import}, {@code connection test} and the flow commands start it too. Harmless when it is not used.
 * Thread-safe.
 */
final class TlsWarmUp {
    private TlsWarmUp() {}

    static void start() {
        Thread t = new Thread(TlsWarmUp::build, "sluice-tls-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static void build() {
        try {
            SSLContext.getDefault();
        } catch (NoSuchAlgorithmException | RuntimeException e) {
            // the HTTP client meets the same problem when it builds the context itself, and reports it there
        }
    }
}
