package dev.sluice.http;

import java.io.InterruptedIOException;
import java.time.Duration;

/** Waits; tests replace it to observe waits without sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedIOException;

    Sleeper SYSTEM = d -> {
        if (d.isNegative() || d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    };
}
