package dev.sluice.emulator.internal.identity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sign-in sessions, behind the {@code ESTSAUTH} cookie (the real service's name), so a second
 * authorize request can skip the password. Thread-safe.
 */
final class SignInSessions {
    static final String COOKIE = "ESTSAUTH";

    /** One signed-in browser: who, since when, and the {@code session_state} sent with codes. */
    record Session(UUID userOid, UUID tenantId, Instant authTime, UUID sessionState) {}

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    String start(UUID userOid, UUID tenantId, Instant now) {
        String id = Randoms.token(32);
        sessions.put(id, new Session(userOid, tenantId, now, UUID.randomUUID()));
        return id;
    }

    Session get(String cookie) {
        return cookie == null ? null : sessions.get(cookie);
    }

    void end(String cookie) {
        if (cookie != null) {
            sessions.remove(cookie);
        }
    }

    /** Signs a user out everywhere (their refresh tokens were revoked). */
    void endUser(UUID userOid) {
        sessions.values().removeIf(s -> s.userOid().equals(userOid));
    }
}
