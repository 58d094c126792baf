package dev.sluice.http;

import dev.sluice.core.Backoff;
import java.time.Duration;

/**
 * How the client retries: at most {@code maxAttempts} sends per request, waiting at most
 * {@code maxTotalWait} in all; without {@code Retry-After}, exponential backoff from {@code baseDelay}
 * capped at {@code maxDelay}, with jitter ({@link Backoff}). Immutable.
 */
public record RetryOptions(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxTotalWait) {
    /** 10 attempts, 1 s doubling up to 60 s, 5 minutes of waiting in all (Dataverse's window is 5 minutes). */
    public static final RetryOptions DEFAULTS =
            new RetryOptions(10, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5));

    public RetryOptions {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.isNegative() || maxTotalWait.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
    }

    /**
     * The back-off between attempts without {@code Retry-After}: from {@code baseDelay}, capped at
     * {@code maxDelay}.
     */
    public Backoff backoff() {
        return new Backoff(baseDelay, maxDelay);
    }

    /** No retries at all. */
    public static RetryOptions none() {
        return new RetryOptions(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }
}
