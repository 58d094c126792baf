package dev.sluice.emulator.internal.identity;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code uti} of every access token this emulator issued that has not expired yet, so that a
 * test hook can expire them all at once. Thread-safe.
 */
final class AccessTokenLedger {
    private final Map<String, Instant> live = new ConcurrentHashMap<>();
    private final Set<String> expired = ConcurrentHashMap.newKeySet();

    void issued(String uti, Instant expires, Instant now) {
        live.entrySet().removeIf(e -> e.getValue().isBefore(now));
        live.put(uti, expires);
    }

    /** Marks every token issued so far as expired; returns how many were still live. */
    int expireAll() {
        int n = 0;
        for (String uti : live.keySet()) {
            expired.add(uti);
            live.remove(uti);
            n++;
        }
        return n;
    }

    boolean expiredEarly(String uti) {
        return uti != null && expired.contains(uti);
    }
}
