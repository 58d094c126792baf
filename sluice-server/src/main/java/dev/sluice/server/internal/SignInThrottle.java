package dev.sluice.server.internal;

import dev.sluice.store.SignInFailureStore;
import dev.sluice.store.SignInFailures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Slows down password guessing without letting anyone lock an account. Failed sign-ins are counted per user name
 * <em>and</em> client address: after {@link #FREE_FAILURES} failures that pair waits 1 s, then 2 s, 4 s… up to
 * {@link #MAX_WAIT} before its next try (exponential back-off, OWASP Authentication Cheat Sheet), so a guesser
 * slows down while the real user, signing in from their own address, is not held up. An address that fails for
 * many user names ({@link #FREE_FAILURES_PER_ADDRESS}) backs off the same way; a user name that fails from many
 * addresses ({@link #FREE_FAILURES_PER_USER}) waits at most {@link #MAX_USER_WAIT}, and not at all from an address
 * it signed in from before. Counts are forgotten {@link #FORGET_AFTER} after the last failure. The counters live in
 * the engine store ({@link SignInFailureStore}), so every node of a cluster counts the same failures: spreading
 * guesses over nodes gains nothing. Thread-safe.
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
    /** How often this node deletes counters nobody needs any more. */
    static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final SignInFailureStore store;
    private final Clock clock;
    private volatile Instant purged = Instant.MIN;

    public SignInThrottle(SignInFailureStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** How long until {@code user} from {@code address} may try again; zero when they may now. */
    public Duration retryAfter(String user, String address) {
        Instant now = clock.instant();
        String pairKey = pair(user, address);
        String addressKey = "a:" + address;
        String userKey = "u:" + user;
        String knownKey = known(user, address);
        Map<String, SignInFailures> seen = store.get(List.of(pairKey, addressKey, userKey, knownKey));
        Duration pair = wait(seen.get(pairKey), FREE_FAILURES, MAX_WAIT, now);
        Duration from = wait(seen.get(addressKey), FREE_FAILURES_PER_ADDRESS, MAX_WAIT, now);
        SignInFailures k = seen.get(knownKey);
        boolean knownAddress = k != null && now.isBefore(k.last().plus(KNOWN_FOR));
        Duration of = knownAddress ? Duration.ZERO : wait(seen.get(userKey), FREE_FAILURES_PER_USER, MAX_USER_WAIT, now);
        return max(pair, max(from, of));
    }

    /** Notes a failed attempt. */
    public void failed(String user, String address) {
        for (String key : List.of(pair(user, address), "a:" + address, "u:" + user)) {
            store.fail(key, FORGET_AFTER);
        }
        purgeNowAndThen();
    }

    /** Clears the pair's failures after a successful sign-in and remembers the address for the user. */
    public void succeeded(String user, String address) {
        store.delete(pair(user, address));
        store.remember(known(user, address));
    }

    private static String pair(String user, String address) {
        return "p:" + user + "\n" + address;
    }

    private static String known(String user, String address) {
        return "k:" + user + "\n" + address;
    }

    private void purgeNowAndThen() {
        Instant now = clock.instant();
        if (now.isAfter(purged.plus(PURGE_EVERY))) {
            purged = now;
            store.purge(now.minus(FORGET_AFTER), now.minus(KNOWN_FOR));
        }
    }

    private static Duration wait(SignInFailures e, int free, Duration cap, Instant now) {
        if (e == null || !now.isBefore(e.last().plus(FORGET_AFTER)) || e.failures() < free) {
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
