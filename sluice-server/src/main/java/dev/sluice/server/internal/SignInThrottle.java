package dev.sluice.server.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down password guessing without letting anyone lock an account. Failed sign-ins are counted per user name
 * <em>and</em> client address: after {@link #FREE_FAILURES} failures that pair waits 1 s, then 2 s, 4 s… up to
 * {@link #MAX_WAIT} before its next try (exponential back-off, OWASP Authentication Cheat Sheet), so a guesser
 * slows down while the real user, signing in from their own address, is not held up. An address that fails for
 * many user names ({@link #FREE_FAILURES_PER_ADDRESS}) backs off the same way; a user name that fails from many
 * addresses ({@link #FREE_FAILURES_PER_USER}) waits at most {@link #MAX_USER_WAIT}, and not at all from an address
 * it signed in from before. Counts are forgotten {@link #FORGET_AFTER} after the last failure; memory is bounded
 * ({@link #MAX_ENTRIES}). Per node, in memory. Thread-safe.
 */
public final class SignInThrottle {
    /** Failures of one user name from one address before the first wait. */
    public static final int FREE_FAILURES = 5;
    /** One address may try several user names (a shared NAT or proxy): four times as many. */
    public static final int FREE_FAILURES_PER_ADDRESS = 4 * FREE_FAILURES;
    /** A distributed guesser still slows down, after ten times as many. */
    public static final int FREE_FAILURES_PER_USER = 10 * FREE_FAILURES;
    public static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    public static final Duration MAX_WAIT = Duration.ofMinutes(15);
    /** What failures from elsewhere can cost a user: a short wait, never a lockout. */
    public static final Duration MAX_USER_WAIT = Duration.ofMinutes(1);
    public static final Duration FORGET_AFTER = Duration.ofHours(1);
    /** How long an address that signed in stays known for its user. */
    public static final Duration KNOWN_FOR = Duration.ofDays(30);
    /** Entries kept; the least recently touched go first (random user names must not fill the heap). */
    static final int MAX_ENTRIES = 100_000;

    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** Failures counted under one key, and when the last one was; or when an address last signed in. */
    private record Entry(int failures, Instant last) {}

    public SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long until {@code user} from {@code address} may try again; zero when they may now. */
    public synchronized Duration retryAfter(String user, String address) {
        Instant now = clock.instant();
        Duration pair = wait("p:" + user + "\n" + address, FREE_FAILURES, MAX_WAIT, now);
        Duration from = wait("a:" + address, FREE_FAILURES_PER_ADDRESS, MAX_WAIT, now);
        Duration of = known(user, address, now) ? Duration.ZERO
                : wait("u:" + user, FREE_FAILURES_PER_USER, MAX_USER_WAIT, now);
        return max(pair, max(from, of));
    }

    /** Notes a failed attempt. */
    public synchronized void failed(String user, String address) {
        Instant now = clock.instant();
        for (String key : new String[] {"p:" + user + "\n" + address, "a:" + address, "u:" + user}) {
            Entry e = live(key, now);
            entries.put(key, new Entry(e == null ? 1 : e.failures() + 1, now));
        }
    }

    /** Clears the pair's failures after a successful sign-in and remembers the address for the user. */
    public synchronized void succeeded(String user, String address) {
        entries.remove("p:" + user + "\n" + address);
        entries.put("k:" + user + "\n" + address, new Entry(0, clock.instant()));
    }

    private boolean known(String user, String address, Instant now) {
        Entry k = entries.get("k:" + user + "\n" + address);
        return k != null && now.isBefore(k.last().plus(KNOWN_FOR));
    }

    private Entry live(String key, Instant now) {
        Entry e = entries.get(key);
        if (e != null && !now.isBefore(e.last().plus(FORGET_AFTER))) {
            entries.remove(key);
            return null;
        }
        return e;
    }

    private Duration wait(String key, int free, Duration cap, Instant now) {
        Entry e = live(key, now);
        if (e == null || e.failures() < free) {
            return Duration.ZERO;
        }
        int doublings = Math.min(e.failures() - free, 20);
        Duration step = FIRST_WAIT.multipliedBy(1L << doublings);
        Duration wait = step.compareTo(cap) > 0 ? cap : step;
        Instant until = e.last().plus(wait);
        return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
