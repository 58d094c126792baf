package dev.sluice.core;

import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * Waits. The HTTP pipeline's retries, token refresh and device-code polling take one, so that tests pass a
 * sleeper that records the wait and returns at once. Implementations are thread-safe.
 */
@FunctionalInterface
public interface Sleeper {
    /** Waits {@code duration}; returns at once for zero or less. Interrupted: sets the flag again and throws. */
    void sleep(Duration duration) throws InterruptedIOException;

    /** Really waits ({@link Thread#sleep}). */
    Sleeper SYSTEM = d -> {
        if (d.isNegative() || d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted while waiting " + d);
            io.initCause(e);
            throw io;
        }
    };
}
