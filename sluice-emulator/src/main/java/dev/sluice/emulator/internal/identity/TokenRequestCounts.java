package dev.sluice.emulator.internal.identity;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Token endpoint requests counted by grant type and client id, successful or not. Thread-safe. */
public final class TokenRequestCounts {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    void count(String grantType, String clientId) {
        counts.computeIfAbsent(key(grantType, clientId), k -> new AtomicLong()).incrementAndGet();
    }

    /** Requests with this grant type and client id (either may be null for "any"). */
    public long get(String grantType, String clientId) {
        long n = 0;
        for (Map.Entry<String, AtomicLong> e : counts.entrySet()) {
            String[] k = e.getKey().split(" ", 2);
            if ((grantType == null || k[0].equals(grantType)) && (clientId == null || k[1].equalsIgnoreCase(clientId))) {
                n += e.getValue().get();
            }
        }
        return n;
    }

    /** Every count, keyed {@code "grant_type client_id"}, sorted. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public void reset() {
        counts.clear();
    }

    private static String key(String grantType, String clientId) {
        return (grantType == null || grantType.isEmpty() ? "-" : grantType.replace(' ', '+')) + " "
                + (clientId == null || clientId.isEmpty() ? "-" : clientId);
    }
}
