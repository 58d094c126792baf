package dev.sluice.emulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A fault to inject: "the next {@code times} requests matching {@code method} and the path get
 * {@code kind}". Start from a factory ({@link #throttle()}, {@link #status(int)}, {@link #delay},
 * {@link #dropBeforeResponse()}, {@link #dropMidBody()}, {@link #unauthorized()}) and narrow it with
 * {@link #times}, {@link #method}, {@link #pathPrefix} or {@link #pathRegex}; {@link #fraction} makes
 * it hit only a random share of the matching requests (a flaky network), and {@link #during} makes it
 * last for a time instead of a number of requests (an outage, a throttling storm). Immutable.
 *
 * <p>The path is the raw (percent-encoded) request path without the query, e.g.
 * {@code /api/data/v9.2/WhoAmI}. A prefix matches with {@code startsWith}; a regex matches when it is
 * found anywhere in the path (anchor it with {@code ^…$}). With neither, every path matches. Admin
 * paths ({@code /_emulator/…}) never match.
 *
 * @param kind what happens to a matching request
 * @param times how many matching requests are affected (at least 1)
 * @param method the upper-case HTTP method to match, or null for any
 * @param pathPrefix the raw path prefix to match, or null
 * @param pathRegex the regex to find in the raw path, or null (not both with a prefix)
 * @param status the status sent: 429 for throttle, 401 for unauthorized, 500/502/503/504 for status,
 *     0 for kinds that send the normal status
 * @param delay the wait before handling, for {@link FaultKind#DELAY}; otherwise null
 * @param retryAfter the {@code Retry-After} sent, for {@link FaultKind#THROTTLE}; otherwise null
 * @param reason which limit a throttle reports, for {@link FaultKind#THROTTLE}; otherwise null
 * @param fraction the share of matching requests it hits, chosen at random: above 0, at most 1 (every
 *     one)
 * @param window how long it stays armed from when it is added (on the emulator's clock), or null for
 *     no time limit; a fault with a window ends when either the window or its uses run out
 */
public record FaultSpec(
        FaultKind kind,
        int times,
        String method,
        String pathPrefix,
        String pathRegex,
        int status,
        Duration delay,
        Duration retryAfter,
        ThrottleReason reason,
        double fraction,
        Duration window) {

    /** As many uses as a fault with a {@link #during} window needs: it ends when the window does. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** The statuses a {@link FaultKind#STATUS} fault may send. */
    public static final Set<Integer> ERROR_STATUSES = Set.of(500, 502, 503, 504);

    public FaultSpec {
        if (kind == null) {
            throw new IllegalArgumentException("fault kind is required");
        }
        if (times < 1) {
            throw new IllegalArgumentException("fault times must be at least 1, got " + times);
        }
        if (method != null) {
            if (method.isBlank() || !method.chars().allMatch(Character::isLetter)) {
                throw new IllegalArgumentException("fault method must be an HTTP method such as GET, got '" + method + "'");
            }
            method = method.toUpperCase(Locale.ROOT);
        }
        if (pathPrefix != null && pathRegex != null) {
            throw new IllegalArgumentException("a fault matches a path prefix or a path regex, not both");
        }
        if (pathPrefix != null && !pathPrefix.startsWith("/")) {
            throw new IllegalArgumentException("fault path prefix must start with '/', got '" + pathPrefix + "'");
        }
        if (pathRegex != null) {
            try {
                Pattern.compile(pathRegex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("fault path regex is not valid: " + e.getDescription());
            }
        }
        status = checkStatus(kind, status);
        if ((kind == FaultKind.DELAY) != (delay != null)) {
            throw new IllegalArgumentException("a delay is given for delay faults and only for them");
        }
        if (delay != null && (delay.isNegative() || delay.isZero())) {
            throw new IllegalArgumentException("fault delay must be positive, got " + delay);
        }
        if ((kind == FaultKind.THROTTLE) != (retryAfter != null && reason != null)) {
            throw new IllegalArgumentException("Retry-After and a reason are given for throttle faults and only for them");
        }
        if (retryAfter != null && retryAfter.toMillis() < 1000) {
            throw new IllegalArgumentException("Retry-After must be at least 1 second, got " + retryAfter);
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fault fraction must be above 0 and at most 1, got " + fraction);
        }
        if (window != null && (window.isNegative() || window.isZero())) {
            throw new IllegalArgumentException("fault window must be positive, got " + window);
        }
    }

    /** A fault of {@code kind} for one request, with no other conditions (the factories below). */
    private static FaultSpec of(FaultKind kind, int status, Duration delay, Duration retryAfter, ThrottleReason reason) {
        return new FaultSpec(kind, 1, null, null, null, status, delay, retryAfter, reason, 1, null);
    }

    private static int checkStatus(FaultKind kind, int status) {
        int expected = switch (kind) {
            case THROTTLE -> 429;
            case UNAUTHORIZED -> 401;
            case STATUS -> status;
            default -> 0;
        };
        if (kind == FaultKind.STATUS && !ERROR_STATUSES.contains(status)) {
            throw new IllegalArgumentException("a status fault sends 500, 502, 503 or 504, got " + status);
        }
        if (status != 0 && status != expected) {
            throw new IllegalArgumentException("a " + kind.wireName() + " fault cannot send status " + status);
        }
        return expected;
    }

    /** A {@code 429} reporting the request limit, with {@code Retry-After: 1}. */
    public static FaultSpec throttle() {
        return throttle(ThrottleReason.REQUESTS, Duration.ofSeconds(1));
    }

    /** A {@code 429} reporting {@code reason}, with {@code Retry-After} in whole seconds (rounded up). */
    public static FaultSpec throttle(ThrottleReason reason, Duration retryAfter) {
        return of(FaultKind.THROTTLE, 429, null, retryAfter, reason);
    }

    /** A {@code 500}, {@code 502}, {@code 503} or {@code 504} answer. */
    public static FaultSpec status(int status) {
        if (!ERROR_STATUSES.contains(status)) {
            throw new IllegalArgumentException("a status fault sends 500, 502, 503 or 504, got " + status);
        }
        return of(FaultKind.STATUS, status, null, null, null);
    }

    /** Wait {@code delay}, then handle the request normally. */
    public static FaultSpec delay(Duration delay) {
        return of(FaultKind.DELAY, 0, delay, null, null);
    }

    public static FaultSpec dropBeforeResponse() {
        return of(FaultKind.DROP_BEFORE_RESPONSE, 0, null, null, null);
    }

    public static FaultSpec dropMidBody() {
        return of(FaultKind.DROP_MID_BODY, 0, null, null, null);
    }

    /** A {@code 401} with the bearer challenge, as for an expired or revoked token. */
    public static FaultSpec unauthorized() {
        return of(FaultKind.UNAUTHORIZED, 401, null, null, null);
    }

    /** The same fault for the next {@code n} matching requests. */
    public FaultSpec times(int n) {
        return new FaultSpec(kind, n, method, pathPrefix, pathRegex, status, delay, retryAfter, reason, fraction,
                window);
    }

    /** Only requests with this HTTP method. */
    public FaultSpec method(String m) {
        return new FaultSpec(kind, times, m, pathPrefix, pathRegex, status, delay, retryAfter, reason, fraction,
                window);
    }

    /** Only raw paths starting with {@code prefix}, e.g. {@code /api/data/v9.2/accounts}. */
    public FaultSpec pathPrefix(String prefix) {
        return new FaultSpec(kind, times, method, prefix, null, status, delay, retryAfter, reason, fraction,
                window);
    }

    /** Only raw paths in which {@code regex} is found, e.g. {@code ^/api/data/v9\.2/WhoAmI$}. */
    public FaultSpec pathRegex(String regex) {
        return new FaultSpec(kind, times, method, null, regex, status, delay, retryAfter, reason, fraction,
                window);
    }

    /**
     * Hits only this share of the matching requests (0 < share ≤ 1), picked at random: {@code 0.05} drops
     * about one request in twenty. Uses are counted only for requests it hits.
     */
    public FaultSpec fraction(double share) {
        return new FaultSpec(kind, times, method, pathPrefix, pathRegex, status, delay, retryAfter, reason, share,
                window);
    }

    /**
     * Stays armed for {@code length} from when it is added (on the emulator's clock), hitting every matching
     * request in that time (or the {@link #fraction} of them); with no {@link #times} given, uses are unlimited.
     */
    public FaultSpec during(Duration length) {
        return new FaultSpec(kind, times == 1 ? UNLIMITED : times, method, pathPrefix, pathRegex, status, delay,
                retryAfter, reason, fraction, length);
    }
}
