package dev.sluice.emulator.internal.identity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issued authorization codes: single-use, 10 minutes (fact sheet §F.2). Redeemed codes are kept until
 * they would have expired, so a second redemption is told apart from a made-up code. Thread-safe.
 */
final class AuthCodes {
    /**
     * What a code was issued for.
     *
     * @param codeChallenge PKCE challenge, or null
     * @param challengeMethod {@code S256} or {@code plain}
     * @param nonce OpenID Connect nonce for the id_token, or null
     */
    record Grant(UUID clientId, UUID tenantId, UUID userOid, String redirectUri, Scopes scopes, String codeChallenge,
            String challengeMethod, String nonce, Instant issued, Instant authTime) {}

    /** The result of redeeming: the grant, or why not. */
    enum Outcome { OK, UNKNOWN, REDEEMED }

    record Redemption(Outcome outcome, Grant grant) {}

    private final Map<String, Grant> live = new ConcurrentHashMap<>();
    private final Map<String, Instant> redeemed = new ConcurrentHashMap<>();

    String issue(Grant grant) {
        purge(grant.issued());
        String code = "1.A" + Randoms.token(96);
        live.put(code, grant);
        return code;
    }

    /** Looks a code up without using it (to check the client before spending the code). */
    Grant peek(String code) {
        return live.get(code);
    }

    /** Uses a code up: the first call gets it, later calls get {@link Outcome#REDEEMED}. */
    Redemption redeem(String code) {
        Grant g = live.remove(code);
        if (g != null) {
            redeemed.put(code, g.issued());
            return new Redemption(Outcome.OK, g);
        }
        return new Redemption(redeemed.containsKey(code) ? Outcome.REDEEMED : Outcome.UNKNOWN, null);
    }

    private void purge(Instant now) {
        Instant cutoff = now.minus(TokenPolicy.CODE_LIFETIME.multipliedBy(6));
        live.values().removeIf(g -> g.issued().isBefore(cutoff));
        redeemed.values().removeIf(t -> t.isBefore(cutoff));
    }
}
