package dev.sluice.server.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed sign-ins per user name and per client address: after {@link #MAX_FAILURES} failures within
 * {@link #WINDOW}, further attempts are refused until the oldest failure leaves the window. Thread-safe.
 */
public final class SignInThrottle {
    /** OWASP Authentication Cheat Sheet: lock out after a small number of failures; 5 per 15 minutes here. */
    public static final int MAX_FAILURES = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long until {@code user} from {@code address} may try again; zero when they may now. */
    public Duration retryAfter(String user, String address) {
        return max(wait("u:" + user), wait("a:" + address));
    }

    /** Notes a failed attempt. */
    public void failed(String user, String address) {
        Instant now = clock.instant();
        for (String key : new String[] {"u:" + user, "a:" + address}) {
            Deque<Instant> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (q) {
                q.addLast(now);
                while (q.size() > MAX_FAILURES) {
                    q.removeFirst();
                }
            }
        }
    }

    /** Clears the user's failures after a successful sign-in. */
    public void succeeded(String user) {
        failures.remove("u:" + user);
    }

    private Duration wait(String key) {
        Deque<Instant> q = failures.get(key);
        if (q == null) {
            return Duration.ZERO;
        }
        synchronized (q) {
            Instant now = clock.instant();
            q.removeIf(t -> !t.plus(WINDOW).isAfter(now));
            if (q.size() < MAX_FAILURES) {
                return Duration.ZERO;
            }
            return Duration.between(now, q.peekFirst().plus(WINDOW));
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
