package dev.sluice.emulator.internal.limits;

import dev.sluice.emulator.ThrottleReason;
import dev.sluice.emulator.WireLatency;
import java.time.Duration;

/**
 * What {@link TrafficControl} and {@link ServiceProtection} tell each other about the request being
 * served on the current thread: a delay fault to serve as execution time, the latency profile and the records
 * written (for its server time), and who the caller was and whether a limit rejected it (for the request log). The JDK server serves each exchange on one
 * thread, so a thread-local is enough. Not thread-safe; confined to its thread.
 */
final class RequestScope {
    private static final ThreadLocal<RequestScope> CURRENT = new ThreadLocal<>();

    private Duration pendingDelay;
    private String identity;
    private ThrottleReason throttledBy;
    private WireLatency latency = WireLatency.NONE;
    private long writes;
    private long bulkRecords;

    static RequestScope open(Duration delay) {
        RequestScope s = new RequestScope();
        s.pendingDelay = delay;
        CURRENT.set(s);
        return s;
    }

    /** The scope of the current thread's request, or null (e.g. outside HTTP). */
    static RequestScope current() {
        return CURRENT.get();
    }

    void close() {
        CURRENT.remove();
    }

    /** Removes and returns the pending delay, or null. */
    Duration takeDelay() {
        Duration d = pendingDelay;
        pendingDelay = null;
        return d;
    }

    void identity(String id) {
        identity = id;
    }

    String identity() {
        return identity;
    }

    void throttledBy(ThrottleReason reason) {
        throttledBy = reason;
    }

    ThrottleReason throttledBy() {
        return throttledBy;
    }

    /** The latency profile the request arrived under (one profile for the whole request). */
    void latency(WireLatency profile) {
        latency = profile;
    }

    WireLatency latency() {
        return latency;
    }

    void countWrites(long single, long bulk) {
        writes += single;
        bulkRecords += bulk;
    }

    long writes() {
        return writes;
    }

    long bulkRecords() {
        return bulkRecords;
    }

    /** Sleeps for a delay; an interrupt ends the wait early and is kept on the thread. */
    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            // an interrupt ends the wait early and is kept on the thread (see above)
            Thread.currentThread().interrupt();
        }
    }
}
