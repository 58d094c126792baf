package dev.sluice.emulator.internal.identity;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Device authorization grants (RFC 8628): a device code the app polls with and a user code the user
 * types on the verification page. Thread-safe: state changes go through {@link Map#compute}.
 */
final class DeviceCodes {
    enum Status { PENDING, APPROVED, DECLINED, REDEEMED }

    /**
     * One device grant.
     *
     * @param interval seconds the app must wait between polls (grows by 5 on every {@code slow_down})
     * @param lastPoll when the app last polled, or null
     * @param userOid who approved, once approved
     */
    record Grant(String deviceCode, String userCode, UUID clientId, UUID tenantId, Scopes scopes, Instant issued,
            Instant expires, int interval, Instant lastPoll, Status status, UUID userOid, Instant authTime) {
        Grant with(Status s, UUID user, Instant auth) {
            return new Grant(deviceCode, userCode, clientId, tenantId, scopes, issued, expires, interval, lastPoll, s,
                    user, auth);
        }

        Grant polled(Instant at, int newInterval) {
            return new Grant(deviceCode, userCode, clientId, tenantId, scopes, issued, expires, newInterval, at,
                    status, userOid, authTime);
        }
    }

    private final Map<String, Grant> byDeviceCode = new ConcurrentHashMap<>();
    private final Map<String, String> byUserCode = new ConcurrentHashMap<>();

    Grant issue(UUID clientId, UUID tenantId, Scopes scopes, Instant now) {
        byDeviceCode.values().removeIf(g -> g.expires().plus(TokenPolicy.DEVICE_CODE_LIFETIME).isBefore(now));
        byUserCode.values().removeIf(d -> !byDeviceCode.containsKey(d));
        String user;
        do {
            user = Randoms.userCode();
        } while (byUserCode.containsKey(user));
        Grant g = new Grant("DAQABAAEAAAD" + Randoms.token(96), user, clientId, tenantId, scopes, now,
                now.plus(TokenPolicy.DEVICE_CODE_LIFETIME), TokenPolicy.DEVICE_INTERVAL_SECONDS, null, Status.PENDING,
                null, null);
        byDeviceCode.put(g.deviceCode(), g);
        byUserCode.put(user, g.deviceCode());
        return g;
    }

    Grant get(String deviceCode) {
        return byDeviceCode.get(deviceCode);
    }

    /** The pending, unexpired grant a typed user code names (any case, spaces and dashes ignored), or null. */
    Grant byUserCode(String typed, Instant now) {
        if (typed == null) {
            return null;
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        String device = byUserCode.get(code);
        Grant g = device == null ? null : byDeviceCode.get(device);
        return g != null && g.status() == Status.PENDING && now.isBefore(g.expires()) ? g : null;
    }

    /** Approves or declines a pending grant; false when it is no longer pending. */
    boolean decide(String deviceCode, boolean approve, UUID userOid, Instant authTime) {
        boolean[] changed = {false};
        byDeviceCode.computeIfPresent(deviceCode, (k, g) -> {
            if (g.status() != Status.PENDING) {
                return g;
            }
            changed[0] = true;
            return approve ? g.with(Status.APPROVED, userOid, authTime) : g.with(Status.DECLINED, userOid, null);
        });
        return changed[0];
    }

    /** Records a poll; returns the grant as it was before this poll (null if unknown). */
    Grant poll(String deviceCode, Instant now, boolean tooFast) {
        Grant[] before = {null};
        byDeviceCode.computeIfPresent(deviceCode, (k, g) -> {
            before[0] = g;
            Grant next = g.polled(now, tooFast ? g.interval() + TokenPolicy.DEVICE_INTERVAL_SECONDS : g.interval());
            return g.status() == Status.APPROVED && !tooFast ? next.with(Status.REDEEMED, g.userOid(), g.authTime())
                    : next;
        });
        return before[0];
    }
}
