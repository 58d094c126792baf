package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.GET;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** {@code /health}, {@code /health/ready} and {@code /metrics}. Thread-safe. */
public final class SystemApi {
    /** Prometheus text exposition format 0.0.4. */
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private final Services s;

    public SystemApi(Services services) {
        this.s = services;
    }

    /** This API's routes. */
    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(GET, "/health", "public", "Liveness: the process answers", this::live),
                new ApiRoute(GET, "/health/ready", "public", "Readiness: the database answers", this::ready),
                new ApiRoute(GET, "/metrics", "public", "Prometheus metrics", this::metrics));
    }

    private void live(Context ctx) {
        JsonBodies.write(ctx, 200, Map.of("status", "up"));
    }

    private void ready(Context ctx) {
        boolean db = s.store().ping();
        JsonBodies.write(ctx, db ? 200 : 503, Map.of("status", db ? "up" : "down", "database", db ? "up" : "down"));
    }

    private void metrics(Context ctx) {
        ctx.contentType(PROMETHEUS).result(s.metrics().scrape());
    }
}
