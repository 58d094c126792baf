package dev.sluice.emulator.internal.limits;

import dev.sluice.emulator.IdentityStats;
import dev.sluice.emulator.ThrottleReason;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Accepted and rejected request counts and the in-flight count of one identity. The in-flight count
 * survives resets and limit changes (those requests are still running). Thread-safe, lock-free.
 */
final class IdentityCounters {
    private final String identity;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder[] rejected = new LongAdder[ThrottleReason.values().length];

    IdentityCounters(String identity) {
        this.identity = identity;
        for (int i = 0; i < rejected.length; i++) {
            rejected[i] = new LongAdder();
        }
    }

    /** Counts a request in and returns how many are now in flight. */
    int enter() {
        return inFlight.incrementAndGet();
    }

    void leave() {
        inFlight.decrementAndGet();
    }

    void accepted() {
        accepted.increment();
    }

    void rejected(ThrottleReason reason) {
        rejected[reason.ordinal()].increment();
    }

    void reset() {
        accepted.reset();
        for (LongAdder r : rejected) {
            r.reset();
        }
    }

    IdentityStats snapshot() {
        return new IdentityStats(identity, accepted.sum(), rejected[ThrottleReason.REQUESTS.ordinal()].sum(),
                rejected[ThrottleReason.EXECUTION_TIME.ordinal()].sum(),
                rejected[ThrottleReason.CONCURRENCY.ordinal()].sum(), inFlight.get());
    }
}
