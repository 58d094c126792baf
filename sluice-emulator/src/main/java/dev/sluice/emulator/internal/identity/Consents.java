package dev.sluice.emulator.internal.identity;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** What each user has consented to, per app. Thread-safe. */
final class Consents {
    private final Map<String, Set<String>> granted = new ConcurrentHashMap<>();

    boolean covers(UUID userOid, UUID clientId, Set<String> items) {
        Set<String> g = granted.get(key(userOid, clientId));
        return g != null && g.containsAll(items);
    }

    void grant(UUID userOid, UUID clientId, Set<String> items) {
        granted.computeIfAbsent(key(userOid, clientId), k -> ConcurrentHashMap.newKeySet()).addAll(items);
    }

    void clear() {
        granted.clear();
    }

    private static String key(UUID user, UUID client) {
        return user + "|" + client;
    }
}
