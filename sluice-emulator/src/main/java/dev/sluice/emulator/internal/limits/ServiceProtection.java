package dev.sluice.emulator.internal.limits;

import dev.sluice.core.DataverseHeaders;
import dev.sluice.emulator.IdentityStats;
import dev.sluice.emulator.ServiceLimits;
import dev.sluice.emulator.ThrottleReason;
import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Enforces Dataverse's service protection limits per identity (fact sheet §E): concurrent requests
 * (trips at once), requests per sliding window and combined execution time per sliding window (trip
 * once exceeded). A request over a limit gets {@code 429} with {@code Retry-After} and the limit's
 * error JSON; an admitted one gets the {@code x-ms-ratelimit-*} and {@code x-ms-dop-hint} headers.
 * Windows run on the emulator's clock; execution time is measured with {@link System#nanoTime()}, plus the
 * latency profile's server time (see {@link ServerTime}).
 * Thread-safe.
 */
public final class ServiceProtection {
    /** The identity of a request without a caller (not expected: authentication runs first). */
    private static final String ANONYMOUS = "anonymous";
    /** The concurrency limit has no window to wait for; a second is the shortest Retry-After. */
    private static final long CONCURRENCY_RETRY_MILLIS = 1000;

    private final EmulatorContext ctx;
    private final ConcurrentHashMap<String, IdentityCounters> counters = new ConcurrentHashMap<>();
    private final ServerTime serverTime;
    private volatile Windows windows;

    /** The limits in force and every identity's windows under them; replaced when limits change. */
    private record Windows(ServiceLimits limits, ConcurrentHashMap<String, SlidingWindow> byIdentity) {
        SlidingWindow of(String identity) {
            return byIdentity.computeIfAbsent(identity, k -> new SlidingWindow(limits));
        }
    }

    public ServiceProtection(EmulatorContext ctx) {
        this.ctx = ctx;
        this.windows = new Windows(ctx.settings().limits(), new ConcurrentHashMap<>());
        this.serverTime = new ServerTime(ctx.settings().latency(), ctx.settings().sleeper());
    }

    /** The latency profile in force, its round trips and its server time. */
    public ServerTime serverTime() {
        return serverTime;
    }

    /** Runs one authenticated Dataverse request within the caller's limits, or throws a 429. */
    public ApiResponse run(ApiRequest request, Supplier<ApiResponse> work) {
        Windows w = windows;
        ServiceLimits limits = w.limits();
        String identity = request.caller() == null ? ANONYMOUS : request.caller().identity();
        IdentityCounters c = counters.computeIfAbsent(identity, IdentityCounters::new);
        SlidingWindow window = w.of(identity);
        RequestScope scope = RequestScope.current();
        if (scope != null) {
            scope.identity(identity);
        }
        if (c.enter() > limits.maxConcurrent()) {
            c.leave();
            window.arrive(ctx.clock().millis());
            throw reject(c, scope, ThrottleReason.CONCURRENCY, limits, CONCURRENCY_RETRY_MILLIS);
        }
        SlidingWindow.Verdict verdict = window.admit(ctx.clock().millis());
        if (verdict != null) {
            c.leave();
            throw reject(c, scope, verdict.reason(), limits, verdict.retryAfterMillis());
        }
        c.accepted();
        long start = System.nanoTime();
        long measured = -1;
        long simulated = 0;
        ApiResponse response;
        SlidingWindow.Remaining left;
        try {
            Duration delay = scope == null ? null : scope.takeDelay();
            if (delay != null) {
                RequestScope.sleep(delay);
            }
            response = work.get();
            measured = System.nanoTime() - start;
            // the profile's server time is waited while the request still counts as concurrent, and counted as
            // execution time at its nominal value (so an injected sleeper that does not sleep counts the same)
            Duration server = ServerTime.of(scope == null ? serverTime.latency() : scope.latency(), scope);
            simulated = server.toNanos();
            serverTime.pause(server);
        } finally {
            c.leave();
            long exec = (measured < 0 ? System.nanoTime() - start : measured) + simulated;
            left = window.complete(ctx.clock().millis(), exec);
        }
        response.header(DataverseHeaders.BURST_REMAINING, Long.toString(left.requests()));
        // observed on real responses: seconds with a thousands separator and two decimals, "1,199.46"
        response.header(DataverseHeaders.TIME_REMAINING, String.format(Locale.US, "%,.2f", left.execNanos() / 1e9));
        response.header(DataverseHeaders.DOP_HINT, Integer.toString(limits.dopHint()));
        return response;
    }

    private static ApiException reject(IdentityCounters c, RequestScope scope, ThrottleReason reason,
            ServiceLimits limits, long retryAfterMillis) {
        c.rejected(reason);
        if (scope != null) {
            scope.throttledBy(reason);
        }
        return Throttling.exception(reason, limits, retryAfterMillis);
    }

    /** The limits in force. */
    public ServiceLimits limits() {
        return windows.limits();
    }

    /**
     * Puts new limits in force and starts every identity's windows afresh (even when the limits are
     * the same). Requests already running keep counting as concurrent.
     */
    public void limits(ServiceLimits limits) {
        windows = new Windows(Objects.requireNonNull(limits, "limits"), new ConcurrentHashMap<>());
    }

    /** Per-identity figures since the last reset, ordered by identity. */
    public List<IdentityStats> identities() {
        return counters.values().stream().map(IdentityCounters::snapshot)
                .sorted(Comparator.comparing(IdentityStats::identity)).toList();
    }

    /** Zeroes the accepted and rejected counts (not the windows, not the requests in flight). */
    public void resetStats() {
        counters.values().forEach(IdentityCounters::reset);
    }
}
