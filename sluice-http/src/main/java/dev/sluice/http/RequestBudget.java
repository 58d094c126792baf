package dev.sluice.http;

import java.io.InterruptedIOException;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What is left of one identity's request limit, as the service last reported it
 * ({@code x-ms-ratelimit-burst-remaining-xrm-requests}, fact sheet §E), less the attempts sent since.
 * While that is known to be spent — the header said so, or a 429 came (or a 503: the service takes nothing
 * now) — only one attempt at a time goes
 * out (the probe), once every attempt before it has been answered: it either gets through and reports a
 * fresh figure, or gets the 429 whose
 * {@code Retry-After} pauses the whole identity. So a full window costs one rejected request, not one per
 * request in flight, and a pause is never greeted by every waiting thread at once (a retry storm that
 * would also keep the window full: Dataverse counts rejected requests too).
 *
 * <p>The figure is counted conservatively: every attempt that had not been answered when the reporting
 * one was sent is taken as not yet counted by the service — those sent after it, and those sent before
 * it but still on the wire, which may reach the service after the figure was taken — and an answer that
 * arrives after a later attempt's may lower the figure but not raise it. When no figure is known (a response without the header, as after landing on
 * another web server) nothing is held back. Dataverse says the header is not meant for flow control, so
 * it is used only to avoid sending requests that would surely be refused. Thread-safe.
 */
public final class RequestBudget {
    /** No figure known: nothing is held back. */
    private static final long UNKNOWN = Long.MAX_VALUE / 4;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long sent;
    private long answered;
    private long remaining = UNKNOWN;
    /** How many attempts had been sent when {@link #remaining} was set. */
    private long remainingAsOf;
    /** The sequence of the attempt whose answer set {@link #remaining}. */
    private long figureFrom;
    private boolean probing;

    /**
     * One attempt let through: its place in the order of attempts, whether it is the probe, and how many
     * attempts had been answered when it was let through (those the service surely counted before it).
     */
    public record Attempt(long sequence, boolean probe, long answeredBefore) {}

    /** Waits until an attempt may be sent (at once while the budget lasts; else as the one probe). */
    public Attempt acquire() throws InterruptedIOException {
        lock.lock();
        try {
            while (true) {
                if (available() > 0) {
                    return new Attempt(++sent, false, answered);
                }
                // the probe goes out alone: an attempt still on the wire may take the window's last place
                // (and a probe beside it would be refused), or report a fresh figure
                if (!probing && answered == sent) {
                    probing = true;
                    return new Attempt(++sent, true, answered);
                }
                changed.await(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw (InterruptedIOException) new InterruptedIOException("interrupted while waiting for the request limit")
                    .initCause(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records an attempt's answer: {@code status} (or -1 when none came), and the service's remaining
     * request count when the response carried one.
     */
    public void complete(Attempt attempt, int status, OptionalLong burstRemaining) {
        lock.lock();
        try {
            if (attempt.probe()) {
                probing = false;
            }
            if (RetryPolicy.pausesIdentity(status)) {
                remaining = 0;
                remainingAsOf = sent;
                figureFrom = sent;
            } else if (burstRemaining.isPresent()) {
                // not surely in the figure: every other attempt not answered when this one was sent
                long candidate = burstRemaining.getAsLong() - (sent - 1 - attempt.answeredBefore());
                // a later attempt's figure replaces the one in hand; an earlier attempt's (its answer
                // overtaken by a later one) may only lower it, never undo a 429
                if (attempt.sequence() > figureFrom || candidate < available()) {
                    remaining = candidate;
                    remainingAsOf = sent;
                    figureFrom = attempt.sequence();
                }
            } else if (status > 0) {
                remaining = UNKNOWN;
                remainingAsOf = sent;
                figureFrom = sent;
            }
            answered++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a thread waits in {@link #acquire()} for the budget: tests wait on this, not on time. */
    boolean hasWaitingAttempt() {
        lock.lock();
        try {
            return lock.hasWaiters(changed);
        } finally {
            lock.unlock();
        }
    }

    /** Attempts that may still go out before the service's limit is reached, as far as is known. */
    public long available() {
        lock.lock();
        try {
            return remaining - (sent - remainingAsOf);
        } finally {
            lock.unlock();
        }
    }

    /** Parses the header's value; empty when absent or not a number. */
    public static OptionalLong parse(java.util.Optional<String> header) {
        if (header.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(header.get().trim().replace(",", "")));
        } catch (NumberFormatException e) {
            // a header that is not a number gives no budget figure
            return OptionalLong.empty();
        }
    }
}
