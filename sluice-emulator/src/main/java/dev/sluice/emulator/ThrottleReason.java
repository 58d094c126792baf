package dev.sluice.emulator;

import dev.sluice.core.DataverseErrorCodes;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Which of Dataverse's three service protection limits a {@code 429} reports (fact sheet §E), with
 * the error code and message Dataverse sends for it. Immutable.
 */
public enum ThrottleReason {
    /** Too many requests in the sliding window: {@code 0x80072322}. */
    REQUESTS("requests", DataverseErrorCodes.THROTTLE_REQUESTS),
    /** Too much combined execution time in the sliding window: {@code 0x80072321}. */
    EXECUTION_TIME("execution-time", DataverseErrorCodes.THROTTLE_EXECUTION_TIME),
    /** Too many requests at the same time: {@code 0x80072326}. */
    CONCURRENCY("concurrency", DataverseErrorCodes.THROTTLE_CONCURRENCY);

    private final String wireName;
    private final String code;

    ThrottleReason(String wireName, String code) {
        this.wireName = wireName;
        this.code = code;
    }

    /** The name used by the admin HTTP API, e.g. {@code execution-time}. */
    public String wireName() {
        return wireName;
    }

    /** The hex error code sent in {@code error.code}. */
    public String code() {
        return code;
    }

    /** Dataverse's message for this limit, with the configured numbers substituted. */
    public String message(ServiceLimits limits) {
        String seconds = BigDecimal.valueOf(limits.window().toMillis(), 3).stripTrailingZeros().toPlainString();
        return switch (this) {
            case REQUESTS -> "Number of requests exceeded the limit of " + limits.maxRequests()
                    + " over time window of " + seconds + " seconds.";
            // Dataverse writes the millisecond figure with thousands separators: "1,200,000"
            case EXECUTION_TIME -> "Combined execution time of incoming requests exceeded limit of "
                    + String.format(Locale.US, "%,d", limits.maxExecutionTime().toMillis())
                    + " milliseconds over time window of " + seconds + " seconds. Decrease number of concurrent "
                    + "requests or reduce the duration of requests and try again later.";
            case CONCURRENCY -> "Number of concurrent requests exceeded the limit of " + limits.maxConcurrent() + ".";
        };
    }

    /** The reason with this admin API name, or null. */
    public static ThrottleReason fromWireName(String name) {
        for (ThrottleReason r : values()) {
            if (r.wireName.equals(name)) {
                return r;
            }
        }
        return null;
    }
}
