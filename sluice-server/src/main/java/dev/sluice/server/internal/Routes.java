package dev.sluice.server.internal;

import dev.sluice.core.SluiceException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the route table with Javalin. Every request's body is held to its route's size limit before anything
 * else runs (413 without reading it when its declared length is over). Every non-public route then identifies the
 * caller (401 without one),
 * checks the CSRF token of a cookie-authenticated change, and holds back a user who must change their password;
 * errors become problem+json for the API and plain pages elsewhere. Thread-safe once configured.
 */
public final class Routes {
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
    private static final String STARTED = "sluice.routeStarted";

    private Routes() {}

    /** The caller identified for this request (only inside a non-public route). */
    public static Caller caller(Context ctx) {
        Caller c = ctx.attribute(Caller.ATTRIBUTE);
        if (c == null) {
            throw ApiProblem.unauthenticated();
        }
        return c;
    }

    /** Adds every route, the request log and the error handlers. */
    public static void register(JavalinConfig config, List<ApiRoute> routes, Services services) {
        // what Javalin itself reads whole (form bodies, ctx.body()) is held to the JSON limit too
        config.http.maxRequestSize = services.bodyLimits().jsonBytes();
        config.routes.before(ctx -> {
            ctx.attribute(STARTED, System.nanoTime());
            RequestLog.begin(ctx);
            services.bodyLimits().check(ctx);
        });
        config.routes.after(ctx -> {
            BodyLimits.drainRest(ctx);
            RequestLog.end(ctx);
            Long started = ctx.attribute(STARTED);
            String route = ctx.endpoint() == null ? "unmatched" : ctx.endpoint().path;
            services.metrics().request(ctx.method().name(), route, ctx.statusCode(),
                    Duration.ofNanos(started == null ? 0 : System.nanoTime() - started));
        });
        for (ApiRoute r : routes) {
            config.routes.addHttpHandler(r.method(), r.path(), guarded(r, services));
        }
        config.routes.exception(ApiProblem.class, (e, ctx) -> Problems.write(ctx, e));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 413) { // Javalin reading a form or body past maxRequestSize
                Problems.write(ctx, BodyLimits.tooLarge(services.bodyLimits().limitOf(ctx)));
            } else if (e.getStatus() >= 400) {
                Problems.write(ctx, new ApiProblem(e.getStatus(), "Request refused", "the request was refused (HTTP "
                        + e.getStatus() + ")"));
            } else {
                ctx.status(e.getStatus());
            }
        });
        config.routes.exception(SluiceException.class, (e, ctx) -> {
            ApiProblem p = Problems.of(e);
            if (p.status() >= 500) {
                LOG.warn("request failed kind={} message={}", e.kind(), e.getMessage());
            }
            Problems.write(ctx, p);
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure path={}", ctx.path(), e);
            Problems.write(ctx, new ApiProblem(500, "Internal error", "an internal error occurred; see the server log"));
        });
        config.routes.error(404, ctx -> {
            if (ctx.result() == null) {
                Problems.write(ctx, ApiProblem.notFound("no route " + ctx.method().name() + " " + ctx.path()));
            }
        });
    }

    private static Handler guarded(ApiRoute r, Services services) {
        if (r.isPublic()) {
            return r.handler();
        }
        return ctx -> {
            Caller caller = services.authenticator().identify(ctx).orElseThrow(ApiProblem::unauthenticated);
            ctx.attribute(Caller.ATTRIBUTE, caller);
            services.authenticator().checkCsrf(ctx, caller);
            if (caller.user().mustChangePassword() && !r.path().startsWith("/api/v1/session")) {
                throw ApiProblem.forbidden("change your one-time password first (PUT /api/v1/session/password)");
            }
            r.handler().handle(ctx);
        };
    }
}
