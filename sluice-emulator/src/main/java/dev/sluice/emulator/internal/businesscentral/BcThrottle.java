package dev.sluice.emulator.internal.businesscentral;

import dev.sluice.emulator.internal.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Business Central's own rate limit, apart from Dataverse's service protection: at most {@code maxRequests} per
 * user or service principal in a sliding window (Microsoft: 6,000 requests in five minutes for OData and API
 * requests), answered with 429 and a {@code Retry-After} of the seconds until the oldest counted request leaves the
 * window. Refused requests are not counted. Thread-safe.
 */
final class BcThrottle {
    /** Microsoft's operational limits: 6,000 OData/API requests per user in a 5-minute sliding window. */
    static final int DEFAULT_MAX_REQUESTS = 6000;
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    private final Clock clock;
    private volatile int maxRequests = DEFAULT_MAX_REQUESTS;
    private volatile Duration window = DEFAULT_WINDOW;
    private final Map<String, Deque<Long>> arrivals = new ConcurrentHashMap<>();

    BcThrottle(Clock clock) {
        this.clock = clock;
    }

    void limits(int requests, Duration perWindow) {
        if (requests < 1 || perWindow.isNegative() || perWindow.isZero()) {
            throw new IllegalArgumentException("Business Central limits need at least 1 request in a positive window");
        }
        this.maxRequests = requests;
        this.window = perWindow;
        arrivals.clear();
    }

    int maxRequests() {
        return maxRequests;
    }

    Duration window() {
        return window;
    }

    /** Counts a request of {@code identity}, or throws the 429 when the window is full. */
    void admit(String identity) {
        long now = clock.millis();
        Deque<Long> q = arrivals.computeIfAbsent(identity, k -> new ArrayDeque<>());
        synchronized (q) {
            long horizon = now - window.toMillis();
            while (!q.isEmpty() && q.peekFirst() <= horizon) {
                q.pollFirst();
            }
            if (q.size() >= maxRequests) {
                long waitMs = q.peekFirst() + window.toMillis() - now;
                long seconds = Math.max(1, (waitMs + 999) / 1000);
                ApiException e = BcErrors.of(429, "Application_TooManyRequests", "Too many requests reached.  Actual ("
                        + (q.size() + 1) + ").  Maximum (" + maxRequests + ").");
                e.header("Retry-After", Long.toString(seconds));
                throw e;
            }
            q.addLast(now);
        }
    }
}
