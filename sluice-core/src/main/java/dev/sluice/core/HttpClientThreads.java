package dev.sluice.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JDK HttpClient's threads at the end of a process. HotSpot's exit (System.exit, or the last thread ending)
 * first waits for every other thread that is in native code to block, 30 times 10 ms at most for threads that are not
 * compilers ({@code VM_Exit::wait_for_threads_in_native_to_block} in Java 17). The JDK HttpClient's selector thread
 * ({@code HttpClient-N-SelectorManager}) spends its idle time in {@code epoll_wait}, which is native, so a process that
 * had spoken HTTP ended 0.3 s after its work was done: a third of {@code sluice connection test}. The selector's loop
 * ends when its thread is interrupted (an interrupt wakes a selector), so a process about to exit interrupts those
 * threads and gives them a moment to end. A thread that does not end in time costs only what it cost before.
 */
public final class HttpClientThreads {
    /** The name the JDK gives its HttpClient's selector threads. */
    private static final Pattern SELECTOR = Pattern.compile("HttpClient-\\d+-SelectorManager");

    private HttpClientThreads() {}

    /**
     * Interrupts every JDK HttpClient selector thread of this JVM and waits up to {@code patience} in all for them to
     * end; answers how many are still alive. Only for the end of a process: a client whose selector is stopped cannot
     * send again.
     */
    public static int stopSelectors(Duration patience) {
        List<Thread> selectors = new ArrayList<>();
        for (Thread t : allThreads()) {
            if (t.isDaemon() && SELECTOR.matcher(t.getName()).matches()) {
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
        return Arrays.copyOf(threads, n);
    }
}
