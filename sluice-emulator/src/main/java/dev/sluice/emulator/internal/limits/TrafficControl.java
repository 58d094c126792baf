package dev.sluice.emulator.internal.limits;

import dev.sluice.core.DataverseHeaders;
import dev.sluice.emulator.FaultKind;
import dev.sluice.emulator.FaultSpec;
import dev.sluice.emulator.RecordedRequest;
import dev.sluice.emulator.WireLatency;
import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Handler;
import dev.sluice.emulator.internal.http.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps every HTTP request before routing: waits the latency profile's network round trip, applies the first
 * matching injected fault, then records the request in the stats and the request log. Admin API requests ({@code /_emulator/…}) pass
 * straight through: they get no faults and are not counted, so a test can always clear faults and
 * read stats. Thread-safe.
 */
public final class TrafficControl {
    private static final Logger LOG = LoggerFactory.getLogger(TrafficControl.class);
    /** The admin API's paths; never faulted or counted. */
    public static final String ADMIN_PREFIX = "/_emulator/";
    /** Where a delay counts as the Web API's execution time (served inside {@link ServiceProtection}). */
    private static final String WEB_API_PREFIX = "/api/data/";

    private final EmulatorContext ctx;
    private final FaultTable faults;
    private final TrafficStats stats;
    private final ServiceProtection protection;

    public TrafficControl(EmulatorContext ctx, FaultTable faults, TrafficStats stats, ServiceProtection protection) {
        this.ctx = ctx;
        this.faults = faults;
        this.stats = stats;
        this.protection = protection;
    }

    public ApiResponse handle(ApiRequest request, Handler next) {
        String path = request.path();
        if (path.startsWith(ADMIN_PREFIX)) {
            return next.handle(request);
        }
        Instant arrived = ctx.clock().instant();
        long start = System.nanoTime();
        FaultSpec fault = faults.take(request.method(), path);
        boolean webApi = path.startsWith(WEB_API_PREFIX);
        Duration delay = fault != null && fault.kind() == FaultKind.DELAY ? fault.delay() : null;
        RequestScope scope = RequestScope.open(webApi ? delay : null);
        WireLatency profile = protection.serverTime().latency();
        scope.latency(profile);
        ApiResponse response;
        try {
            protection.serverTime().roundTrip(profile);
            if (delay != null && !webApi) {
                RequestScope.sleep(delay);
            }
            response = fault == null ? next.handle(request) : apply(fault, request, next);
            Duration unserved = scope.takeDelay();
            if (unserved != null) {
                // the request never reached the limits (e.g. it failed authentication): wait now
                RequestScope.sleep(unserved);
            }
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure handling {} {}", request.method(), path, e);
            response = ApiResponse.json(500, Json.error("0x80040216", "An unexpected error occurred."));
        } finally {
            scope.close();
        }
        String query = LogRedaction.query(request.rawQuery());
        stats.record(request.method(), path, new RecordedRequest(arrived, request.method(),
                query == null ? path : path + "?" + query, LogRedaction.headers(request.headers()),
                response.status(), Duration.ofNanos(System.nanoTime() - start), scope.identity(),
                fault == null ? null : fault.kind(), scope.throttledBy()));
        return response;
    }

    private ApiResponse apply(FaultSpec fault, ApiRequest request, Handler next) {
        ApiResponse response = switch (fault.kind()) {
            case THROTTLE -> FaultResponses.throttle(fault, protection.limits());
            case STATUS -> FaultResponses.status(fault);
            case UNAUTHORIZED -> FaultResponses.unauthorized(request);
            case DELAY -> next.handle(request);
            case DROP_BEFORE_RESPONSE -> next.handle(request).fault(ApiResponse.Fault.DROP_BEFORE_RESPONSE);
            case DROP_MID_BODY -> next.handle(request).fault(ApiResponse.Fault.DROP_MID_BODY);
        };
        if (fault.status() != 0 && request.path().startsWith(WEB_API_PREFIX)) {
            response.header(DataverseHeaders.SERVICE_REQUEST_ID, UUID.randomUUID().toString());
        }
        return response;
    }
}
