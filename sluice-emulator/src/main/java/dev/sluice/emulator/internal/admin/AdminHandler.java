package dev.sluice.emulator.internal.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.ActiveFault;
import dev.sluice.emulator.EmulatorFaults;
import dev.sluice.emulator.EmulatorStats;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.limits.ServiceProtection;
import dev.sluice.emulator.internal.limits.TrafficStats;

/**
 * Serves the emulator's own admin API under {@code /_emulator/} (JSON in and out):
 * <ul>
 *   <li>{@code GET|POST|DELETE /_emulator/faults}, {@code DELETE /_emulator/faults/{id}}: faults</li>
 *   <li>{@code GET|DELETE /_emulator/stats}: request counts and per-identity limit figures</li>
 *   <li>{@code GET /_emulator/requests?limit=N}: the last N requests (default 100, at most 1000)</li>
 *   <li>{@code GET|PUT /_emulator/limits}: service protection limits</li>
 *   <li>{@code GET|PUT /_emulator/latency}: the latency profile</li>
 * </ul>
 * Paths under {@value #IDENTITY_PREFIX} belong to the identity platform's admin API; they reach this
 * handler only while the identity side does not claim them, and get a 404 saying so. Thread-safe.
 */
public final class AdminHandler {
    /** Reserved for the identity platform's admin API (routed to the identity side when it owns them). */
    public static final String IDENTITY_PREFIX = "/_emulator/identity/";
    private static final int DEFAULT_LOG_LIMIT = 100;

    private final EmulatorFaults faults;
    private final EmulatorStats stats;
    private final ServiceProtection protection;

    public AdminHandler(EmulatorFaults faults, EmulatorStats stats, ServiceProtection protection) {
        this.faults = faults;
        this.stats = stats;
        this.protection = protection;
    }

    /** Handles one admin request; never throws. */
    public ApiResponse handle(ApiRequest request) {
        try {
            return route(request);
        } catch (AdminJson.BadInput e) {
            return AdminJson.error(400, "BadRequest", e.getMessage());
        }
    }

    private ApiResponse route(ApiRequest request) {
        String path = request.path();
        if (path.startsWith(IDENTITY_PREFIX)) {
            return AdminJson.error(404, "NotFound",
                    "'" + IDENTITY_PREFIX + "' is the identity platform's admin API, which is not available here.");
        }
        String rest = path.substring("/_emulator/".length());
        String method = request.method();
        switch (rest) {
            case "faults" -> {
                return switch (method) {
                    case "GET" -> AdminJson.ok(200, faultList());
                    case "POST" -> AdminJson.ok(201, FaultJson.write(
                            faults.add(FaultJson.read(AdminJson.object(request, FaultJson.fields())))));
                    case "DELETE" -> {
                        faults.clear();
                        yield ApiResponse.of(204);
                    }
                    default -> notAllowed(method, "GET, POST, DELETE");
                };
            }
            case "stats" -> {
                return switch (method) {
                    case "GET" -> AdminJson.ok(200, StatsJson.stats(stats));
                    case "DELETE" -> {
                        stats.reset();
                        yield ApiResponse.of(204);
                    }
                    default -> notAllowed(method, "GET, DELETE");
                };
            }
            case "requests" -> {
                return method.equals("GET")
                        ? AdminJson.ok(200, StatsJson.requests(stats.recentRequests(logLimit(request))))
                        : notAllowed(method, "GET");
            }
            case "limits" -> {
                return switch (method) {
                    case "GET" -> AdminJson.ok(200, LimitsJson.write(protection.limits()));
                    case "PUT" -> {
                        protection.limits(LimitsJson.read(AdminJson.object(request, LimitsJson.FIELDS),
                                protection.limits()));
                        yield AdminJson.ok(200, LimitsJson.write(protection.limits()));
                    }
                    default -> notAllowed(method, "GET, PUT");
                };
            }
            case "latency" -> {
                return switch (method) {
                    case "GET" -> AdminJson.ok(200, LatencyJson.write(protection.serverTime().latency()));
                    case "PUT" -> {
                        protection.serverTime().latency(LatencyJson.read(
                                AdminJson.object(request, LatencyJson.FIELDS), protection.serverTime().latency()));
                        yield AdminJson.ok(200, LatencyJson.write(protection.serverTime().latency()));
                    }
                    default -> notAllowed(method, "GET, PUT");
                };
            }
            default -> {
                if (rest.startsWith("faults/") && rest.indexOf('/', 7) < 0) {
                    return method.equals("DELETE") ? deleteFault(rest.substring(7)) : notAllowed(method, "DELETE");
                }
                return AdminJson.error(404, "NotFound", "No admin resource '" + shorten(path) + "'; the admin API has "
                        + "/_emulator/faults, /_emulator/stats, /_emulator/requests, /_emulator/limits and "
                        + "/_emulator/latency.");
            }
        }
    }

    private ObjectNode faultList() {
        ObjectNode o = Json.object();
        ArrayNode value = o.putArray("value");
        for (ActiveFault f : faults.list()) {
            value.add(FaultJson.write(f));
        }
        return o;
    }

    private ApiResponse deleteFault(String id) {
        return faults.remove(id) ? ApiResponse.of(204)
                : AdminJson.error(404, "NotFound", "No armed fault has id '" + shorten(id) + "'.");
    }

    private static int logLimit(ApiRequest request) {
        String raw;
        try {
            raw = request.query("limit");
        } catch (IllegalArgumentException e) {
            throw new AdminJson.BadInput("the query string has a malformed percent-encoding");
        }
        if (raw == null) {
            return DEFAULT_LOG_LIMIT;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n >= 1 && n <= TrafficStats.LOG_CAPACITY) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AdminJson.BadInput("query parameter 'limit' must be an integer from 1 to " + TrafficStats.LOG_CAPACITY
                + ", got '" + shorten(raw) + "'");
    }

    private static ApiResponse notAllowed(String method, String allowed) {
        return AdminJson.error(405, "MethodNotAllowed", "Method " + method + " is not allowed here; use " + allowed + ".")
                .header("Allow", allowed);
    }

    private static String shorten(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }
}
