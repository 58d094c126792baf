package dev.sluice.emulator;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How the emulator waits out a {@link WireLatency}: {@link #REAL} sleeps; a test injects one that records the
 * waits instead, so it never sleeps. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps the thread; an interrupt ends the wait early and stays set on the thread. */
    Sleeper REAL = d -> {
        try {
            TimeUnit.NANOSECONDS.sleep(d.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };

    /** Waits {@code d} (positive) on the calling thread. */
    void sleep(Duration d);
}
