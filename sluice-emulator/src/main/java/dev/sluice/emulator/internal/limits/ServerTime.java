package dev.sluice.emulator.internal.limits;

import dev.sluice.emulator.Sleeper;
import dev.sluice.emulator.WireLatency;
import java.time.Duration;
import java.util.Objects;

/**
 * The latency profile in force and how it is waited out: {@link TrafficControl} waits a round trip before each
 * request; {@link ServiceProtection} waits each admitted Web API request's server time and counts it as
 * execution time. Handlers that write records say so through {@link #recordsWritten} and {@link #bulkRecords},
 * which count on the current thread's request. Thread-safe.
 */
public final class ServerTime {
    private final Sleeper sleeper;
    private volatile WireLatency latency;

    public ServerTime(WireLatency latency, Sleeper sleeper) {
        this.latency = Objects.requireNonNull(latency, "latency");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public WireLatency latency() {
        return latency;
    }

    /** Puts a profile in force for the requests that arrive from now on. */
    public void latency(WireLatency latency) {
        this.latency = Objects.requireNonNull(latency, "latency");
    }

    /** Counts records written singly (a request or a {@code $batch} operation) by the current thread's request. */
    public static void recordsWritten(int n) {
        RequestScope scope = RequestScope.current();
        if (scope != null) {
            scope.countWrites(n, 0);
        }
    }

    /** Counts the targets of a bulk message run by the current thread's request. */
    public static void bulkRecords(int n) {
        RequestScope scope = RequestScope.current();
        if (scope != null) {
            scope.countWrites(0, n);
        }
    }

    /** Waits one network round trip, if the profile has one. */
    void roundTrip(WireLatency profile) {
        pause(profile.roundTrip());
    }

    /** The server time of the request in {@code scope} under {@code profile}. */
    static Duration of(WireLatency profile, RequestScope scope) {
        return scope == null ? profile.request() : profile.serverTime(scope.writes(), scope.bulkRecords());
    }

    void pause(Duration d) {
        if (!d.isZero() && !d.isNegative()) {
            sleeper.sleep(d);
        }
    }
}
