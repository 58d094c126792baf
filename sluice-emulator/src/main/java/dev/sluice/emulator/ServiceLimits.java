package dev.sluice.emulator;

import java.time.Duration;

/**
 * Service protection limits the emulator enforces per identity (fact sheet §E): requests per sliding
 * window, combined execution time per window, and concurrent requests. Immutable.
 *
 * @param maxRequests requests allowed in one window
 * @param window the sliding window
 * @param maxExecutionTime combined execution time allowed in one window
 * @param maxConcurrent concurrent requests allowed
 * @param dopHint the {@code x-ms-dop-hint} value sent on responses
 */
public record ServiceLimits(
        int maxRequests, Duration window, Duration maxExecutionTime, int maxConcurrent, int dopHint) {

    /** Dataverse's defaults: 6000 requests and 20 minutes of execution per 5 minutes, 52 concurrent. */
    public static final ServiceLimits DATAVERSE_DEFAULTS =
            new ServiceLimits(6000, Duration.ofMinutes(5), Duration.ofMinutes(20), 52, 4);

    public ServiceLimits {
        if (maxRequests < 1 || maxConcurrent < 1 || dopHint < 1) {
            throw new IllegalArgumentException("service limits must be positive");
        }
        if (window == null || window.isNegative() || window.isZero()
                || maxExecutionTime == null || maxExecutionTime.isNegative() || maxExecutionTime.isZero()) {
            throw new IllegalArgumentException("service limit durations must be positive");
        }
    }
}
