package dev.sluice.http;

import dev.sluice.core.DataverseHeaders;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The shared state of one identity: a pause that every request of the identity honours after the
 * service answered 429 (for its {@code Retry-After}) or 503 (its {@code Retry-After}, or the back-off), a bound on concurrent requests (the server's
 * {@code x-ms-dop-hint}, never above the configured maximum nor 52), and the {@link RequestBudget} that
 * holds attempts back once the service's request limit is known to be spent. Thread-safe.
 */
public final class ThrottleGate {
    private final Clock clock;
    private final int maxConcurrency;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.MIN);
    private final AtomicLong waitedNanos = new AtomicLong();
    private final RequestBudget budget = new RequestBudget();
    private int limit;
    private int inFlight;
    private boolean hintApplied;

    public ThrottleGate(Clock clock, int maxConcurrency) {
        if (maxConcurrency < 1 || maxConcurrency > DataverseHeaders.MAX_CONCURRENCY) {
            throw new IllegalArgumentException("max concurrency must be 1.." + DataverseHeaders.MAX_CONCURRENCY
                    + ", got " + maxConcurrency);
        }
        this.clock = clock;
        this.maxConcurrency = maxConcurrency;
        this.limit = maxConcurrency;
    }

    /** Pauses every request of this identity until {@code until} (keeps the later of two pauses). */
    public void pauseUntil(Instant until) {
        pausedUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Until when every request of the identity waits (in the past when there is no pause). */
    public Instant pausedUntil() {
        return pausedUntil.get();
    }

    /** What is left of the identity's request limit, as the service last reported it. */
    public RequestBudget budget() {
        return budget;
    }

    /** How long requests must still wait, or zero. */
    public Duration remainingPause() {
        Duration d = Duration.between(clock.instant(), pausedUntil.get());
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Applies the server's recommended degree of parallelism, bounded by the configured maximum. */
    public void applyDopHint(int hint) {
        if (hint < 1) {
            return;
        }
        lock.lock();
        try {
            int next = Math.min(hint, maxConcurrency);
            if (!hintApplied || next != limit) {
                limit = next;
                hintApplied = true;
                released.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The current concurrency bound. */
    public int limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a free slot; pair with {@link #release()}. */
    public void acquire() throws InterruptedIOException {
        lock.lock();
        try {
            while (inFlight >= limit) {
                released.await(1, TimeUnit.SECONDS);
            }
            inFlight++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw (InterruptedIOException) new InterruptedIOException("interrupted while waiting for a request slot")
                    .initCause(e);
        } finally {
            lock.unlock();
        }
    }

    public void release() {
        lock.lock();
        try {
            inFlight--;
            released.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Records time spent waiting because of throttling (for metrics). */
    public void recordWait(Duration d) {
        waitedNanos.addAndGet(d.toNanos());
    }

    /** Total time requests of this identity waited because of throttling. */
    public Duration totalWait() {
        return Duration.ofNanos(waitedNanos.get());
    }
}
