package dev.sluice.emulator.internal.businesscentral;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.identity.IdentityService;
import dev.sluice.emulator.internal.identity.directory.Tenant;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Business Central API v2.0 for the emulated tenant: {@code /v2.0/{tenant}/{environment}/api/v2.0/…} (or without the
 * tenant, which the token then names), environments {@code production} and {@code sandbox}, each with the CRONUS
 * companies. Authenticates with tokens for {@code https://api.businesscentral.dynamics.com} from the same identity
 * platform, applies Business Central's own rate limit, routes, and answers failures with Business Central's error
 * JSON. Thread-safe.
 */
public final class BusinessCentralService {
    /** Microsoft's "API endpoint structure": {@code /v2.0/[{tenant}/]{environment}/api/v2.0}. */
    private static final Pattern ROOT = Pattern.compile("^/v2\\.0/(?:([^/]+)/)?([^/]+)/api/v2\\.0(/.*)?$");
    private static final String CONTENT_TYPE =
            "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(BusinessCentralService.class);

    private final IdentityService identity;
    private final Map<String, BcEnvironment> environments = new LinkedHashMap<>();
    private final BcThrottle throttle;
    private final BcRoutes routes;

    public BusinessCentralService(EmulatorContext ctx, IdentityService identity, Map<String, Integer> seed) {
        this.identity = identity;
        Map<String, Integer> counts = new LinkedHashMap<>(BcSeed.DEFAULTS);
        seed.forEach((set, rows) -> {
            if (!BcSeed.DEFAULTS.containsKey(set)) {
                throw new IllegalArgumentException("unknown Business Central seed 'bc." + set + "'; seed one of "
                        + BcSeed.DEFAULTS.keySet().stream().sorted().map(k -> "bc." + k).toList());
            }
            counts.put(set, rows);
        });
        for (String name : new String[] {"production", "sandbox"}) {
            environments.put(name, new BcEnvironment(name, counts));
        }
        this.throttle = new BcThrottle(ctx.clock());
        this.routes = new BcRoutes(new BcWrites(ctx.clock()));
    }

    /** Whether a path is Business Central's. */
    public static boolean owns(String path) {
        return ROOT.matcher(path).matches();
    }

    /** The id of a company of an environment (the same in every run). */
    public static UUID companyId(String environment, String company) {
        return BcEnvironment.companyId(environment, company);
    }

    /** Puts a rate limit in force: at most {@code requests} per identity in {@code window}. */
    public void limits(int requests, Duration window) {
        throttle.limits(requests, window);
    }

    /** Handles one HTTP request; never throws. */
    public ApiResponse handle(ApiRequest request) {
        Matcher m = ROOT.matcher(request.path());
        ApiResponse response;
        try {
            if (!m.matches()) {
                throw BcErrors.notFound("No HTTP resource was found that matches the request URI.");
            }
            Tenant tenant = m.group(1) == null ? identity.defaultTenant() : identity.tenant(m.group(1))
                    .orElseThrow(() -> BcErrors.of(401, "Authentication_InvalidCredentials", "The server has "
                            + "rejected the client credentials: tenant '" + m.group(1) + "' is unknown."));
            String caller = identity.authenticateBusinessCentral(request, tenant);
            throttle.admit(caller);
            BcEnvironment env = tenant.id().equals(identity.defaultTenant().id())
                    ? environments.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
            if (env == null) {
                throw BcErrors.notFound("The environment '" + m.group(2) + "' does not exist in tenant '"
                        + tenant.id() + "'.");
            }
            String rest = m.group(3) == null ? "" : m.group(3).substring(1);
            String base = request.baseUrl() + request.path().substring(0, request.path().length() - rest.length());
            ApiRequest inner = new ApiRequest(request.method(), rest, request.rawQuery(), request.headers(),
                    request.body(), base, null);
            synchronized (env) {
                response = rest.equals("$batch") ? BcBatch.run(inner, env, routes) : routes.route(inner, env);
            }
        } catch (ApiException e) {
            response = error(e);
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure handling Business Central {} {}", request.method(), request.path(), e);
            response = error(BcErrors.of(500, "Internal_ServerError", "An unexpected error occurred."));
        }
        response.header("request-id", UUID.randomUUID().toString());
        return response;
    }

    static ApiResponse error(ApiException e) {
        ApiResponse r = ApiResponse.json(e.status(), Json.error(e.code(), e.getMessage()));
        r.headers().set("Content-Type", CONTENT_TYPE);
        e.headers().asMap().forEach((k, vs) -> vs.forEach(v -> r.header(k, v)));
        return r;
    }

    static ApiResponse json(int status, ObjectNode body) {
        ApiResponse r = ApiResponse.json(status, Json.bytes(body));
        r.headers().set("Content-Type", CONTENT_TYPE);
        r.headers().set("OData-Version", "4.0");
        return r;
    }
}
