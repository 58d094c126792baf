package dev.sluice.emulator.internal.limits;

import dev.sluice.emulator.ThrottleReason;
import java.time.Duration;

/**
 * What {@link TrafficControl} and {@link ServiceProtection} tell each other about the request being
 * served on the current thread: a delay fault to serve as execution time, and who the caller was and
 * whether a limit rejected it (for the request log). The JDK server serves each exchange on one
 * thread, so a thread-local is enough. Not thread-safe; confined to its thread.
 */
final class RequestScope {
    private static final ThreadLocal<RequestScope> CURRENT = new ThreadLocal<>();

    private Duration pendingDelay;
    private String identity;
    private ThrottleReason throttledBy;

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
