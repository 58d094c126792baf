package dev.sluice.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows how far a long job is: a progress bar (rows, rows/s, and ETA when the total is known) on a terminal,
 * plain periodic lines otherwise (logs, pipes, CI). Not thread-safe unless noted.
 */
interface Progress extends AutoCloseable {
    /** Seconds between plain progress lines when not on a terminal. */
    long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

    /** Counts {@code n} more rows; thread-safe. */
    void step(long n);

    /** Sets the known total once it is known. */
    void total(long total);

    @Override
    void close();

    /** A bar on a terminal, periodic lines on {@code err} otherwise. {@code total} below 0 means unknown. */
    static Progress start(CliEnvironment env, PrintWriter err, String task, long total, long initial) {
        if (env.terminal()) {
            ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" rows", 1)
                    .showSpeed().setUpdateIntervalMillis(200).continuousUpdate()
                    .setStyle(env.colour() ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).startsFrom(initial, java.time.Duration.ZERO)
                    .build();
            return new Progress() {
                @Override
                public void step(long n) {
                    bar.stepBy(n);
                }

                @Override
                public void total(long t) {
                    bar.maxHint(t);
                }

                @Override
                public void close() {
                    bar.close();
                }
            };
        }
        return new PlainProgress(err, task, initial);
    }
}
