package dev.sluice.testclock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move forward instead of sleeping; share it with the emulator and the code under test. It stands
 * still until a test moves it, always in UTC. Thread-safe.
 */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    private MutableClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    public static MutableClock startingAt(Instant start) {
        return new MutableClock(start);
    }

    /** Starts at an ISO-8601 instant, e.g. {@code 2026-01-05T09:00:00Z} (a whole second starts windows on a bucket). */
    public static MutableClock startingAt(String instant) {
        return new MutableClock(Instant.parse(instant));
    }

    /** Starts at the current time (so tokens and certificates look current to real libraries). */
    public static MutableClock startingNow() {
        return new MutableClock(Instant.now());
    }

    public void advance(Duration d) {
        Objects.requireNonNull(d, "d");
        now.updateAndGet(t -> t.plus(d));
    }

    /** Moves the clock to {@code instant} (forwards or back). */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
