package dev.sluice.emulator.internal.identity;

import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.identity.directory.AppRegistration;
import dev.sluice.emulator.internal.identity.directory.DirectoryUser;
import dev.sluice.emulator.internal.identity.directory.Tenant;
import java.time.Instant;

/**
 * The device code grant (RFC 8628, fact sheet §F.3): {@code POST /{tenant}/oauth2/v2.0/devicecode}
 * and polling the token endpoint with the device code. Thread-safe.
 */
final class DeviceGrant {
    private final IdentityState s;
    private final TokenIssuer issuer;

    DeviceGrant(IdentityState s, TokenIssuer issuer) {
        this.s = s;
        this.issuer = issuer;
    }

    /** {@code POST /{tenant}/oauth2/v2.0/devicecode}. */
    ApiResponse start(ApiRequest request, TokenEndpoint.Client c, TokenForm form) {
        Scopes scopes = Scopes.delegated(form.require("scope"), request.baseUrl(), c.tenant(), c.app());
        Instant now = s.now();
        DeviceCodes.Grant g = s.devices.issue(c.app().clientId(), c.tenant().id(), scopes, now);
        String uri = request.baseUrl() + "/devicelogin";
        byte[] body = Json.write(j -> {
            j.writeStartObject();
            j.writeStringField("user_code", g.userCode());
            j.writeStringField("device_code", g.deviceCode());
            j.writeStringField("verification_uri", uri);
            j.writeNumberField("expires_in", TokenPolicy.DEVICE_CODE_LIFETIME.toSeconds());
            j.writeNumberField("interval", g.interval());
            j.writeStringField("message", "To sign in, use a web browser to open the page " + uri
                    + " and enter the code " + g.userCode() + " to authenticate.");
            j.writeEndObject();
        });
        return OAuthResponses.ok(request, body);
    }

    /** One poll of the token endpoint with {@code grant_type=urn:ietf:params:oauth:grant-type:device_code}. */
    ApiResponse poll(ApiRequest request, TokenForm form, Tenant tenant, AppRegistration app, String acr) {
        String code = form.get("device_code") != null ? form.get("device_code") : form.get("code");
        if (code == null) {
            throw AadError.missing("device_code");
        }
        Instant now = s.now();
        DeviceCodes.Grant known = s.devices.get(code);
        if (known == null || !known.clientId().equals(app.clientId())) {
            throw AadError.of("bad_verification_code", 70000, "Provided grant is invalid or malformed. The device code"
                    + " is not one this service issued to this application.");
        }
        if (!now.isBefore(known.expires()) && known.status() != DeviceCodes.Status.REDEEMED) {
            throw AadError.of("expired_token", 70019, "Verification code expired.");
        }
        // Too fast only under half the interval since the previous poll: a client that waits the interval, timed
        // from its request or from the answer, with whatever its timer and the network add or take, is answered
        // authorization_pending, as the real service does, and gets the token on its first poll after the user
        // signs in (or declines). Only a client that ignores the interval is told to slow down.
        boolean tooFast = known.lastPoll() != null && known.status() == DeviceCodes.Status.PENDING
                && now.isBefore(known.lastPoll().plusMillis(known.interval() * 500L));
        DeviceCodes.Grant g = s.devices.poll(code, now, tooFast);
        if (tooFast) {
            throw AadError.of("slow_down", 70016, "OAuth 2.0 device flow error. Polling too fast: wait at least "
                    + (g.interval() + TokenPolicy.DEVICE_INTERVAL_SECONDS) + " seconds between requests.");
        }
        return switch (g.status()) {
            case PENDING -> throw AadError.of("authorization_pending", 70016, "OAuth 2.0 device flow error."
                    + " Authorization is pending. Continue polling.");
            case DECLINED -> throw AadError.of("authorization_declined", 70000, "The end user declined the"
                    + " authorization request.");
            case REDEEMED -> throw AadError.of("invalid_grant", 54005, "The device code was already redeemed, please"
                    + " start a new device code flow or use the refresh token.");
            case APPROVED -> {
                DirectoryUser user = s.user(g.userOid()).orElseThrow();
                yield issuer.delegated(request, tenant, app, user, g.scopes(), null, acr, g.authTime());
            }
        };
    }
}
