package dev.sluice.emulator.internal.limits;

import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.core.DataverseHeaders;
import dev.sluice.emulator.FaultSpec;
import dev.sluice.emulator.ServiceLimits;
import dev.sluice.emulator.internal.DataverseService;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Json;

/** The answers of the faults that replace a request's handling: 429, 5xx and 401. Stateless. */
final class FaultResponses {
    /** Dataverse's generic unexpected-error code, as the emulator's own 500s use. */
    private static final String UNEXPECTED = "0x80040216";
    /**
     * The tenant segment of the challenge's {@code authorization_uri}. Dataverse names the org's
     * tenant; {@code common} is also seen (ServiceClient maps it to {@code organizations}, fact sheet
     * §A.3).
     */
    private static final String CHALLENGE_TENANT = "common";

    private FaultResponses() {}

    static ApiResponse throttle(FaultSpec fault, ServiceLimits limits) {
        return DataverseService.error(Throttling.exception(fault.reason(), limits, fault.retryAfter().toMillis()));
    }

    static ApiResponse status(FaultSpec fault) {
        return switch (fault.status()) {
            case 500 -> ApiResponse.json(500, Json.error(UNEXPECTED, "An unexpected error occurred."));
            // 502/503/504 come from the gateway in front of Dataverse, not from the Web API
            case 502 -> ApiResponse.text(502, "text/plain; charset=utf-8", "Bad Gateway");
            case 503 -> ApiResponse.text(503, "text/plain; charset=utf-8", "Service Unavailable");
            default -> ApiResponse.text(504, "text/plain; charset=utf-8", "Gateway Timeout");
        };
    }

    /** 401 with the bearer challenge of fact sheet §A.3, built from the URL the client used. */
    static ApiResponse unauthorized(ApiRequest request) {
        String origin = request.baseUrl();
        String challenge = "Bearer authorization_uri=" + origin + "/" + CHALLENGE_TENANT + "/oauth2/authorize, "
                + "resource_id=" + origin + "/";
        return DataverseService.error(new ApiException(401, DataverseErrorCodes.REQUEST_NOT_AUTHENTICATED,
                "The access token is invalid or has expired.")
                .header(DataverseHeaders.WWW_AUTHENTICATE, challenge));
    }
}
