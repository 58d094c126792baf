package dev.sluice.core;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A value worked out on a daemon thread of its own while the caller does something else, for the parts of a start
 * that do not depend on each other (opening the store's database and reading its keyset). {@link #join()} waits for
 * it, without giving up on an interrupt (the work is short and must end before its result may be used or closed),
 * and throws what the work threw, as it threw it. Thread-safe.
 *
 * @param <T> the value's type
 */
public final class Background<T> {
    private final FutureTask<T> task;

    private Background(Callable<T> work) {
        this.task = new FutureTask<>(work);
    }

    /** Starts {@code work} on a new daemon thread named {@code threadName}. */
    public static <T> Background<T> start(String threadName, Callable<T> work) {
        Background<T> b = new Background<>(work);
        Thread t = new Thread(b.task, threadName);
        t.setDaemon(true);
        t.start();
        return b;
    }

    /**
     * The value, once the work has ended: a runtime exception or an error of the work comes out as it was thrown;
     * a checked exception comes out as the cause of an {@link IllegalStateException}. An interrupt while waiting is
     * kept for the caller (the thread's interrupt status is set again on return).
     */
    public T join() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
