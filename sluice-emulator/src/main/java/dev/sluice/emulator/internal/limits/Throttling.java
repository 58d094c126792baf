package dev.sluice.emulator.internal.limits;

import dev.sluice.core.DataverseHeaders;
import dev.sluice.emulator.ServiceLimits;
import dev.sluice.emulator.ThrottleReason;
import dev.sluice.emulator.internal.http.ApiException;

/** Dataverse's 429 answer: status, {@code Retry-After} in whole seconds, and the limit's error JSON. */
final class Throttling {
    private Throttling() {}

    static ApiException exception(ThrottleReason reason, ServiceLimits limits, long retryAfterMillis) {
        return new ApiException(429, reason.code(), reason.message(limits))
                .header(DataverseHeaders.RETRY_AFTER, Long.toString(seconds(retryAfterMillis)));
    }

    /** Whole seconds, rounded up, at least 1 (a {@code Retry-After} of 0 would invite a tight loop). */
    static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
