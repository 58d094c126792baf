package dev.sluice.http;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One {@link ThrottleGate} per identity and org in this JVM, so that every client of a connection
 * honours the same pause and concurrency bound. Thread-safe.
 */
public final class ThrottleGates {
    private static final ConcurrentMap<String, ThrottleGate> GATES = new ConcurrentHashMap<>();

    private ThrottleGates() {}

    public static ThrottleGate forIdentity(String identity, String org, Clock clock, int maxConcurrency) {
        return GATES.computeIfAbsent(identity + "\n" + org + "\n" + maxConcurrency,
                k -> new ThrottleGate(clock, maxConcurrency));
    }
}
