package dev.sluice.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a command's process ends. HotSpot's exit (System.exit, or the last thread ending) first waits for every other
 * thread that is in native code to block, 30 times 10 ms at most for threads that are not compilers
 * ({@code VM_Exit::wait_for_threads_in_native_to_block} in Java 17). The JDK HttpClient's selector thread
 * ({@code HttpClient-N-SelectorManager}) spends its idle time in {@code epoll_wait}, which is native, so every
 * command that had spoken HTTP ended 0.3 s after its work was done: a third of {@code connection test}. The
 * selector's loop ends when its thread is interrupted (an interrupt wakes a selector), so the CLI interrupts those
 * threads once the command's work is over and gives them a moment to end before it exits. A thread that does not end
 * in time costs only what it cost before.
 */
final class ProcessExit {
    /** The name the JDK gives its HttpClient's selector threads. */
    private static final Pattern HTTP_SELECTOR = Pattern.compile("HttpClient-\\d+-SelectorManager");
    /** How long the selectors get to end; they end within a few milliseconds of the interrupt. */
    private static final Duration PATIENCE = Duration.ofMillis(100);

    private ProcessExit() {}

    /** Ends the process with {@code code}, its HTTP clients' selector threads stopped first. */
    static void exit(int code) {
        stopHttpSelectors(PATIENCE);
        System.exit(code);
    }

    /**
     * Interrupts the JDK HttpClient selector threads and waits up to {@code patience} in all for them to end. Only for
     * the end of the process: a client whose selector is stopped cannot send again. Answers how many are still alive.
     */
    static int stopHttpSelectors(Duration patience) {
        List<Thread> selectors = new ArrayList<>();
        for (Thread t : allThreads()) {
            if (t != null && t.isDaemon() && HTTP_SELECTOR.matcher(t.getName()).matches()) {
                selectors.add(t);
                t.interrupt();
            }
        }
        long deadline = System.nanoTime() + patience.toNanos();
        int alive = 0;
        for (Thread t : selectors) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    t.join(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return selectors.size();
            }
            if (t.isAlive()) {
                alive++;
            }
        }
        return alive;
    }

    private static Thread[] allThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n;
        while ((n = root.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        return java.util.Arrays.copyOf(threads, n);
    }
}
