package dev.sluice.emulator.internal;

import dev.sluice.emulator.internal.admin.AdminHandler;
import dev.sluice.emulator.internal.businesscentral.BusinessCentralService;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Handler;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.identity.IdentityService;
import dev.sluice.emulator.internal.limits.TrafficControl;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes every HTTP request by path: the Dataverse Web API under {@code /api/data/v9.x/}, Business Central's
 * API under {@code /v2.0/…/api/v2.0/}, the admin
 * API under {@code /_emulator/}, and the identity platform's paths. Faults and the request log wrap
 * all of them. Thread-safe.
 */
public final class RootHandler implements Handler {
    /** Dataverse accepts v9.0, v9.1 and v9.2 (fact sheet §A.1). */
    private static final Pattern WEB_API = Pattern.compile("^/api/data/(v9\\.[012])(/.*)?$");

    private final TrafficControl traffic;
    private final DataverseService dataverse;
    private final IdentityService identity;
    private final AdminHandler admin;
    private final BusinessCentralService businessCentral;

    public RootHandler(TrafficControl traffic, DataverseService dataverse, IdentityService identity,
            AdminHandler admin, BusinessCentralService businessCentral) {
        this.traffic = traffic;
        this.dataverse = dataverse;
        this.identity = identity;
        this.admin = admin;
        this.businessCentral = businessCentral;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        return traffic.handle(request, this::route);
    }

    private ApiResponse route(ApiRequest request) {
        String path = request.path();
        Matcher m = WEB_API.matcher(path);
        if (m.matches()) {
            String rest = m.group(2) == null ? "" : m.group(2).substring(1);
            String base = request.baseUrl() + "/api/data/" + m.group(1) + "/";
            return dataverse.handle(new ApiRequest(request.method(), rest, request.rawQuery(), request.headers(),
                    request.body(), base, null));
        }
        if (BusinessCentralService.owns(path)) {
            return businessCentral.handle(request);
        }
        if (identity.owns(path)) {
            return identity.handle(request);
        }
        if (path.startsWith("/_emulator/")) {
            return admin.handle(request);
        }
        if (path.startsWith("/api/data/")) {
            return ApiResponse.json(404, Json.error("0x8006088a",
                    "Resource not found: the Web API version in the URL is not supported; use v9.0, v9.1 or v9.2."));
        }
        return ApiResponse.text(404, "text/plain; charset=utf-8", "Not found: " + escapeNothing(path));
    }

    private static String escapeNothing(String path) {
        // text/plain: nothing is rendered, but keep it short
        return path.length() > 200 ? path.substring(0, 200) : path;
    }
}
