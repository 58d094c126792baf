package dev.sluice.cli;

import java.util.concurrent.CountDownLatch;

/**
 * How a long-running command ({@code serve}, {@code emulator}, {@code relay}, {@code demo --stay|--serve}) stays up
 * until the process is asked to stop (Ctrl+C, SIGTERM): a shutdown hook closes what it runs, then {@link #await}
 * returns. Registered before the command says it is ready, so a stop right after still closes cleanly. Thread-safe.
 */
final class UntilStopped {
    private final CountDownLatch stopped = new CountDownLatch(1);

    private UntilStopped() {}

    /** Registers a shutdown hook on a thread named {@code threadName} that runs {@code close}, then releases. */
    static UntilStopped onShutdown(String threadName, Runnable close) {
        UntilStopped u = new UntilStopped();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close.run();
            u.stopped.countDown();
        }, threadName));
        return u;
    }

    /** Waits until the shutdown hook has run. */
    void await() throws InterruptedException {
        stopped.await();
    }
}
