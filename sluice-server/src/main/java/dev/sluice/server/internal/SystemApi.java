package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.GET;

import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /health}, {@code /health/ready} and {@code /metrics}. The metrics are for operators: on the main port only
 * with the configured metrics bearer token or as an admin; or on a separate management port on 127.0.0.1 (where the
 * metrics token, when set, still applies). Thread-safe.
 */
public final class SystemApi {
    /** Prometheus text exposition format 0.0.4. */
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(SystemApi.class);

    private final ReadinessLog readinessLog = new ReadinessLog(LOG);

    private final Services s;
    private final Secret metricsToken;
    private final boolean metricsOnMainPort;
    private final LocalNode node;

    /**
     * @param metricsToken what a scraper sends as {@code Authorization: Bearer}, or null
     * @param metricsOnMainPort false when a management port serves the metrics instead
     * @param node this server as a node: while it drains, it is not ready (a load balancer stops sending to it)
     */
    public SystemApi(Services services, Secret metricsToken, boolean metricsOnMainPort, LocalNode node) {
        this.s = services;
        this.metricsToken = metricsToken;
        this.metricsOnMainPort = metricsOnMainPort;
        this.node = node;
    }

    /** This API's routes on the main port. */
    public List<ApiRoute> routes() {
        List<ApiRoute> out = new java.util.ArrayList<>(List.of(
                new ApiRoute(GET, "/health", "public", "Liveness: the process answers", this::live),
                new ApiRoute(GET, "/health/ready", "public", "Readiness: the database answers and the node is not "
                        + "stopping", this::ready)));
        if (metricsOnMainPort) {
            out.add(new ApiRoute(GET, "/metrics", "public: the metrics bearer token, or an admin",
                    "Prometheus metrics", this::metrics));
        }
        return out;
    }

    /** The routes of the management port. */
    public List<ApiRoute> managementRoutes() {
        return List.of(
                new ApiRoute(GET, "/health", "public", "Liveness: the process answers", this::live),
                new ApiRoute(GET, "/metrics", "public: the metrics bearer token when one is set",
                        "Prometheus metrics", this::managementMetrics));
    }

    private void live(Context ctx) {
        JsonBodies.write(ctx, 200, Map.of("status", "up"));
    }

    private void ready(Context ctx) {
        Optional<SluiceException> problem = s.store().health();
        if (problem.isEmpty()) {
            readinessLog.ready();
            boolean up = !node.draining();
            JsonBodies.write(ctx, up ? 200 : 503, Map.of("status", up ? "up" : "down", "database", "up",
                    "node", node.name(), "nodeState", node.state()));
            return;
        }
        // the whole message (it names the database, never a password) goes to the log, once while it stays the same;
        // anyone may ask for readiness
        readinessLog.notReady(String.valueOf(problem.get().getMessage()));
        JsonBodies.write(ctx, 503, Map.of("status", "down", "database", "down",
                "reason", problem.get().kind().name().toLowerCase(Locale.ROOT) + ": the store's database does not "
                        + "answer; the server's log says why", "node", node.name(), "nodeState", node.state()));
    }

    private void metrics(Context ctx) {
        if (!bearerMatches(ctx)) {
            Caller caller = s.authenticator().identify(ctx).orElse(null);
            if (caller == null) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"sluice-metrics\"");
                throw new ApiProblem(401, "Unauthenticated", "the metrics need the metrics bearer token "
                        + "(sluice serve --metrics-token-env) or an admin");
            }
            Access.requireAdmin(caller);
        }
        ctx.contentType(PROMETHEUS).result(s.metrics().scrape());
    }

    private void managementMetrics(Context ctx) {
        if (metricsToken != null && !bearerMatches(ctx)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"sluice-metrics\"");
            throw new ApiProblem(401, "Unauthenticated", "the metrics need the metrics bearer token");
        }
        ctx.contentType(PROMETHEUS).result(s.metrics().scrape());
    }

    private boolean bearerMatches(Context ctx) {
        String auth = ctx.header("Authorization");
        if (metricsToken == null || auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return Authenticator.constantTimeEquals(auth.substring(7).strip(), metricsToken.reveal());
    }
}
