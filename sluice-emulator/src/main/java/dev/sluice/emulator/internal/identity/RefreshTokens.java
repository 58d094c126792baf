package dev.sluice.emulator.internal.identity;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issued refresh tokens (opaque). Every use gives a new one; the old one keeps working until it
 * expires or is revoked, as on the real service (fact sheet §F.5). Thread-safe.
 */
final class RefreshTokens {
    /** What a refresh token stands for. */
    record Grant(UUID clientId, UUID tenantId, UUID userOid, Scopes scopes, Instant issued, Instant expires,
            Instant authTime) {}

    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    String issue(Grant grant) {
        String token = "0.A" + Randoms.token(160);
        grants.put(token, grant);
        return token;
    }

    /** The grant of a token, or null for one never issued. */
    Grant get(String token) {
        return grants.get(token);
    }

    /** When the token was revoked, or null. */
    Instant revokedAt(String token) {
        return revoked.get(token);
    }

    /** Revokes every refresh token of a user (all apps); returns how many. */
    int revokeUser(UUID userOid, Instant now) {
        int n = 0;
        for (Map.Entry<String, Grant> e : grants.entrySet()) {
            if (e.getValue().userOid().equals(userOid) && revoked.putIfAbsent(e.getKey(), now) == null) {
                n++;
            }
        }
        return n;
    }

    /** Revokes the tokens of a user for one app (consent withdrawn). */
    void revokeUserApp(UUID userOid, UUID clientId, Instant now) {
        grants.forEach((token, g) -> {
            if (g.userOid().equals(userOid) && g.clientId().equals(clientId)) {
                revoked.putIfAbsent(token, now);
            }
        });
    }

    Set<String> tokens() {
        return grants.keySet();
    }
}
