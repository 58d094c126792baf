package dev.sluice.cli;

import dev.sluice.flow.RunProgress;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * A flow run's progress on stderr: one line rewritten in place ({@code \r}) on a terminal; otherwise (a pipe, a
 * log, CI) a plain line every {@link Progress#PLAIN_INTERVAL_NANOS 5 seconds}, as export and import do. Told after
 * every chunk by the runner's thread. Not thread-safe.
 */
final class FlowProgress implements Consumer<RunProgress> {
    private final PrintWriter err;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastPrint = start;
    private boolean lineOpen;

    FlowProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void accept(RunProgress p) {
        String text = p.flow() + ": read " + p.counts().read() + ", written " + p.counts().written() + ", rejected "
                + p.counts().rejected();
        if (terminal) {
            err.print("\r" + text);
            lineOpen = true;
        } else {
            long now = System.nanoTime();
            if (now - lastPrint < Progress.PLAIN_INTERVAL_NANOS) {
                return;
            }
            lastPrint = now;
            err.println(text);
        }
        err.flush();
    }

    /** Ends the line rewritten in place, if one was written. */
    void finish() {
        if (lineOpen) {
            err.println();
            err.flush();
            lineOpen = false;
        }
    }
}
