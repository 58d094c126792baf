package dev.sluice.server.internal;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;

/**
 * What readiness probes write to the log: why the server is not ready when that reason is new (not on every probe
 * while it lasts, as a load balancer probes every few seconds), and once that it is ready again. Thread-safe.
 */
final class ReadinessLog {
    private final Logger log;
    /** The reason last logged, or null while ready. */
    private final AtomicReference<String> reason = new AtomicReference<>();

    ReadinessLog(Logger log) {
        this.log = log;
    }

    /** A probe found the server not ready for {@code why}: a WARN unless the previous probe said the same. */
    void notReady(String why) {
        Objects.requireNonNull(why, "why");
        if (!why.equals(reason.getAndSet(why))) {
            log.warn("not ready: {}", why);
        }
    }

    /** A probe found the store's database answering: an INFO when it did not before. */
    void ready() {
        String was = reason.getAndSet(null);
        if (was != null) {
            log.info("ready again: the store's database answers");
        }
    }
}
