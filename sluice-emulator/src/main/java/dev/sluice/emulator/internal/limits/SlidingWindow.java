package dev.sluice.emulator.internal.limits;

import dev.sluice.emulator.ServiceLimits;
import dev.sluice.emulator.ThrottleReason;
import java.util.Arrays;

/**
 * One identity's request count and combined execution time over a sliding window, kept in
 * {@value #BUCKETS} time buckets so that each request costs a small constant amount of work and
 * memory does not grow with the limits. A bucket leaves the window when its start is a full window
 * old, so the window slides in steps of window/{@value #BUCKETS}. Thread-safe (synchronized; the
 * critical sections are short).
 */
final class SlidingWindow {
    /** Buckets per window: expiry and Retry-After are exact to 1% of the window. */
    private static final int BUCKETS = 100;

    private final ServiceLimits limits;
    private final long windowMs;
    private final long bucketMs;
    private final long maxExecNanos;
    private final long[] index;
    private final long[] count;
    private final long[] exec;
    private long totalCount;
    private long totalExec;
    private long lastNow = Long.MIN_VALUE;

    /** A rejection: the limit that tripped and the milliseconds until the window allows a request. */
    record Verdict(ThrottleReason reason, long retryAfterMillis) {}

    /** What is left of the limits after a request: requests, and execution time in nanoseconds. */
    record Remaining(long requests, long execNanos) {}

    SlidingWindow(ServiceLimits limits) {
        this.limits = limits;
        this.windowMs = Math.max(1, limits.window().toMillis());
        this.bucketMs = Math.max(1, windowMs / BUCKETS);
        this.maxExecNanos = limits.maxExecutionTime().toNanos();
        int slots = (int) (windowMs / bucketMs) + 2;
        this.index = new long[slots];
        this.count = new long[slots];
        this.exec = new long[slots];
        Arrays.fill(index, -1);
    }

    ServiceLimits limits() {
        return limits;
    }

    /**
     * Counts an arriving request and decides whether it may run. Rejected requests count too, so a
     * client that keeps sending while throttled keeps the window full (Dataverse: continuing to send
     * requests extends Retry-After).
     */
    synchronized Verdict admit(long nowMs) {
        long now = advance(nowMs);
        ThrottleReason reason = null;
        if (totalCount >= limits.maxRequests()) {
            reason = ThrottleReason.REQUESTS;
        } else if (totalExec > maxExecNanos) {
            reason = ThrottleReason.EXECUTION_TIME;
        }
        count[slot(now)]++;
        totalCount++;
        return reason == null ? null : new Verdict(reason, millisUntilAllowed(now));
    }

    /** Counts a request that was turned away before admission (over the concurrency limit). */
    synchronized void arrive(long nowMs) {
        long now = advance(nowMs);
        count[slot(now)]++;
        totalCount++;
    }

    /** Adds a finished request's execution time and returns what is left. */
    synchronized Remaining complete(long nowMs, long execNanos) {
        long now = advance(nowMs);
        exec[slot(now)] += execNanos;
        totalExec += execNanos;
        return new Remaining(Math.max(0, limits.maxRequests() - totalCount), Math.max(0, maxExecNanos - totalExec));
    }

    /** Drops the buckets that have left the window; time never runs backwards here. */
    private long advance(long nowMs) {
        long now = Math.max(nowMs, lastNow);
        lastNow = now;
        for (int s = 0; s < index.length; s++) {
            if (index[s] >= 0 && index[s] * bucketMs + windowMs <= now) {
                clear(s);
            }
        }
        return now;
    }

    private int slot(long now) {
        long idx = now / bucketMs;
        int s = (int) (idx % index.length);
        if (index[s] != idx) {
            clear(s);
            index[s] = idx;
        }
        return s;
    }

    private void clear(int s) {
        if (index[s] >= 0) {
            totalCount -= count[s];
            totalExec -= exec[s];
        }
        index[s] = -1;
        count[s] = 0;
        exec[s] = 0;
    }

    /** Milliseconds until enough of the oldest buckets leave the window for one more request. */
    private long millisUntilAllowed(long now) {
        long remainingCount = totalCount;
        long remainingExec = totalExec;
        long first = Math.max(0, Math.floorDiv(now - windowMs, bucketMs) + 1);
        for (long i = first; i <= now / bucketMs; i++) {
            if (remainingCount < limits.maxRequests() && remainingExec <= maxExecNanos) {
                break;
            }
            int s = (int) (i % index.length);
            if (index[s] == i) {
                remainingCount -= count[s];
                remainingExec -= exec[s];
                if (remainingCount < limits.maxRequests() && remainingExec <= maxExecNanos) {
                    return i * bucketMs + windowMs - now;
                }
            }
        }
        return 0;
    }
}
