package dev.sluice.cli;

import dev.sluice.core.HttpClientThreads;
import java.time.Duration;

/**
 * How a command's process ends: the JDK HttpClient's selector threads stopped first, else HotSpot's exit waits up to
 * 0.3 s for them (see {@link HttpClientThreads}).
 */
final class ProcessExit {
    /** How long the selectors get to end; they end within a few milliseconds of the interrupt. */
    private static final Duration PATIENCE = Duration.ofMillis(100);

    private ProcessExit() {}

    /** Ends the process with {@code code}; only once the command's work is over. */
    static void exit(int code) {
        HttpClientThreads.stopSelectors(PATIENCE);
        System.exit(code);
    }
}
