package dev.sluice.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;

/** Progress as a plain line every few seconds (when not on a terminal). Thread-safe. */
final class PlainProgress implements Progress {
    private final PrintWriter err;
    private final String task;
    private final AtomicLong done;
    private final long start = System.nanoTime();
    private final long initial;
    private volatile long total = -1;
    private long lastPrint = start;

    PlainProgress(PrintWriter err, String task, long initial) {
        this.err = err;
        this.task = task;
        this.initial = initial;
        this.done = new AtomicLong(initial);
    }

    @Override
    public void step(long n) {
        long now = done.addAndGet(n);
        long t = System.nanoTime();
        synchronized (this) {
            if (t - lastPrint >= PLAIN_INTERVAL_NANOS) {
                lastPrint = t;
                double seconds = (t - start) / 1e9;
                long rate = seconds <= 0 ? 0 : Math.round((now - initial) / seconds);
                err.println(task + ": " + now + (total > 0 ? " of " + total : "") + " rows, " + rate + " rows/s");
                err.flush();
            }
        }
    }

    @Override
    public void total(long t) {
        total = t;
    }

    @Override
    public void close() {
        err.flush();
    }
}
