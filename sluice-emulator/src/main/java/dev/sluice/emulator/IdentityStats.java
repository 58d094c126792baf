package dev.sluice.emulator;

/**
 * Service protection figures of one identity since the last stats reset. Immutable snapshot.
 *
 * @param identity the identity limits are counted against (the caller's systemuser, or
 *     {@code anonymous})
 * @param accepted requests admitted by the limits
 * @param rejectedByRequests requests answered 429 for the request limit ({@code 0x80072322})
 * @param rejectedByExecutionTime requests answered 429 for the execution-time limit ({@code 0x80072321})
 * @param rejectedByConcurrency requests answered 429 for the concurrency limit ({@code 0x80072326})
 * @param inFlight requests of this identity running now
 */
public record IdentityStats(
        String identity,
        long accepted,
        long rejectedByRequests,
        long rejectedByExecutionTime,
        long rejectedByConcurrency,
        int inFlight) {

    /** All requests answered 429 by the limits (injected throttle faults are not counted here). */
    public long rejected() {
        return rejectedByRequests + rejectedByExecutionTime + rejectedByConcurrency;
    }
}
