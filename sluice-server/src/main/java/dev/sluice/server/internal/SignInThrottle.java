package dev.sluice.server.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed sign-ins per user name ({@link #MAX_FAILURES}) and per client address
 * ({@link #MAX_FAILURES_PER_ADDRESS}) within {@link #WINDOW}: beyond that, attempts are refused until the oldest
 * counted failure leaves the window. Thread-safe.
 */
public final class SignInThrottle {
    /** OWASP Authentication Cheat Sheet: lock out after a small number of failures; 5 per 15 minutes here. */
    public static final int MAX_FAILURES = 5;
    /** One address may try several user names (a shared NAT or proxy): four times the per-user limit. */
    public static final int MAX_FAILURES_PER_ADDRESS = 4 * MAX_FAILURES;
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long until {@code user} from {@code address} may try again; zero when they may now. */
    public Duration retryAfter(String user, String address) {
        return max(wait("u:" + user, MAX_FAILURES), wait("a:" + address, MAX_FAILURES_PER_ADDRESS));
    }

    /** Notes a failed attempt. */
    public void failed(String user, String address) {
        Instant now = clock.instant();
        for (String key : new String[] {"u:" + user, "a:" + address}) {
            Deque<Instant> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (q) {
                q.addLast(now);
                while (q.size() > MAX_FAILURES_PER_ADDRESS) {
                    q.removeFirst();
                }
            }
        }
    }

    /** Clears the user's failures after a successful sign-in. */
    public void succeeded(String user) {
        failures.remove("u:" + user);
    }

    private Duration wait(String key, int limit) {
        Deque<Instant> q = failures.get(key);
        if (q == null) {
            return Duration.ZERO;
        }
        synchronized (q) {
            Instant now = clock.instant();
            q.removeIf(t -> !t.plus(WINDOW).isAfter(now));
            if (q.size() < limit) {
                return Duration.ZERO;
            }
            Instant oldestCounted = q.stream().skip(q.size() - limit).findFirst().orElseThrow();
            return Duration.between(now, oldestCounted.plus(WINDOW));
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
