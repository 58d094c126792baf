package dev.sluice.emulator.internal.identity;

import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.SampleIds;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Caller;

/**
 * The Microsoft identity platform side: authorize, token, device code, discovery, JWKS; and the
 * bearer-token check of Dataverse requests.
 */
public final class IdentityService {
    private final EmulatorContext ctx;

    public IdentityService(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    /** Whether this path belongs to the identity side. */
    public boolean owns(String path) {
        return false;
    }

    public ApiResponse handle(ApiRequest request) {
        return ApiResponse.text(404, "text/plain", "Not found");
    }

    /** The caller of a Dataverse request, or a 401 {@link ApiException} with the bearer challenge. */
    public Caller authenticate(ApiRequest request) {
        if (!ctx.settings().noAuth()) {
            String auth = request.headers().first("Authorization");
            if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new ApiException(401, "0x80044302", "Bearer token is missing.");
            }
        }
        return new Caller(SampleIds.DEMO_USER, SampleIds.ROOT_BUSINESS_UNIT, SampleIds.DEMO_USER.toString());
    }
}
