package dev.sluice.relay;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The only thing the relay keeps: how many sign-ins went through it per identity provider host, and
 * how many callbacks it refused. No code, state, URL, address or user agent. Thread-safe.
 */
public final class RelayStats {
    private final Map<String, LongAdder> flows = new ConcurrentHashMap<>();
    private final LongAdder refused = new LongAdder();

    /** Distinct hosts counted by name; the state is caller-supplied, so the map must not grow without end. */
    private static final int MAX_HOSTS = 100;

    void flow(String providerHost) {
        String key = flows.containsKey(providerHost) || flows.size() < MAX_HOSTS ? providerHost : "other";
        flows.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    void refused() {
        refused.increment();
    }

    /** Forwarded sign-ins per identity provider host. */
    public Map<String, Long> flows() {
        Map<String, Long> out = new TreeMap<>();
        flows.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public long refusedCount() {
        return refused.sum();
    }
}
