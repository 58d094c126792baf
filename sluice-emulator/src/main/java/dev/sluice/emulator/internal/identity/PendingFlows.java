package dev.sluice.emulator.internal.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-ins in progress, behind the {@code flowToken} field of the sign-in and consent forms (the real
 * service's field name). A flow belongs to the browser that started it ({@code esctx} cookie).
 * Thread-safe.
 */
final class PendingFlows {
    /** Abandoned sign-ins are forgotten after an hour. */
    private static final Duration TTL = Duration.ofHours(1);

    /**
     * One sign-in in progress: either an authorize request or a device code being approved.
     *
     * @param browser the {@code esctx} cookie of the browser that started it
     * @param request the authorize request, or null for a device flow
     * @param deviceCode the device code, or null for an authorize request
     * @param userOid who signed in, once they have
     */
    record Flow(String id, String browser, AuthorizationRequest request, String deviceCode, UUID tenantId,
            UUID clientId, Scopes scopes, Instant created, UUID userOid, Instant authTime, UUID sessionState) {
        Flow signedIn(UUID user, Instant auth, UUID session) {
            return new Flow(id, browser, request, deviceCode, tenantId, clientId, scopes, created, user, auth, session);
        }
    }

    private final Map<String, Flow> flows = new ConcurrentHashMap<>();

    Flow start(String browser, AuthorizationRequest request, String deviceCode, UUID tenantId, UUID clientId,
            Scopes scopes, Instant now) {
        flows.values().removeIf(f -> f.created().plus(TTL).isBefore(now));
        Flow f = new Flow(Randoms.token(48), browser, request, deviceCode, tenantId, clientId, scopes, now, null, null,
                null);
        flows.put(f.id(), f);
        return f;
    }

    /** The flow if it exists and belongs to this browser, else null. */
    Flow get(String id, String browser) {
        Flow f = id == null ? null : flows.get(id);
        return f != null && f.browser().equals(browser) ? f : null;
    }

    void put(Flow f) {
        flows.put(f.id(), f);
    }

    void finish(String id) {
        flows.remove(id);
    }
}
