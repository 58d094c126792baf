package dev.sluice.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter, the one back-off computation in Sluice (the HTTP pipeline's
 * {@code RetryPolicy} and token refresh both use it): the wait before retry {@code n} (1-based) is drawn
 * uniformly between half and all of {@code min(max, base × 2^(n-1))}, and is at least 1 ms. The jitter keeps
 * many clients that failed together from retrying together. Immutable and thread-safe.
 *
 * @param base the ceiling of the first wait
 * @param max the largest ceiling
 */
public record Backoff(Duration base, Duration max) {
    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        if (base.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("back-off delays must not be negative");
        }
    }

    /** The wait before retry {@code attempt} (1 for the first retry; less than 1 counts as 1). */
    public Duration delay(int attempt) {
        long cap = max.toMillis();
        // capped at 2^20 × base so that the shift cannot overflow
        long exp = base.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long ceiling = Math.max(1, Math.min(cap, exp));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }
}
