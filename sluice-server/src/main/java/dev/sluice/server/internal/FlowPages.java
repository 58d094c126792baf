package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.sluice.store.DeadLetter;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The Flows pages: the list (validation state, schedule, last run) and a flow's page (definition, run now, run
 * history, dead letters with retry), through {@link FlowService} with the same grant checks and audit as the API.
 * Thread-safe.
 */
public final class FlowPages {
    private static final Map<String, String> NOTICES = Map.of("run", "The run finished; see its counts below.",
            "retried", "The dead letters were replayed; those that still fail stay below.");

    private final PageGuard guard;
    private final FlowService flows;

    public FlowPages(Services services, Pages pages, FlowService flows) {
        this.guard = new PageGuard(services, pages);
        this.flows = flows;
    }

    /** The routes. */
    public List<ApiRoute> routes() {
        String one = "/flows/{flow}";
        return List.of(
                new ApiRoute(GET, "/flows", "public", "Flows page", this::list),
                new ApiRoute(GET, one, "public", "Flow page: definition, runs, dead letters", this::detail),
                new ApiRoute(POST, one + "/run", "public", "Run a flow now (form)", this::run),
                new ApiRoute(POST, one + "/retry", "public", "Retry a flow's dead letters (form)", this::retry));
    }

    private void list(Context ctx) throws Exception {
        guard.run(ctx, c -> guard.render(ctx, c, "flows.jte", Map.of("flows", flows.list(c))));
    }

    private void detail(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            String name = ctx.pathParam("flow");
            FlowService.FlowView view = flows.get(c, name);
            List<DeadLetter> dead = view.mayReadRecords() ? flows.deadLetters(c, name) : List.of();
            guard.render(ctx, c, "flow.jte", Map.of("view", view, "runs", flows.runs(c, name), "deadLetters", dead,
                    "csrf", c.session().csrfToken(), "notice", NOTICES.getOrDefault(String.valueOf(
                            ctx.queryParam("done")), "")));
        });
    }

    private void run(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            flows.run(c, ctx.pathParam("flow"));
            redirect(ctx, ctx.pathParam("flow"), "run");
        });
    }

    private void retry(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            flows.retryDeadLetters(c, ctx.pathParam("flow"));
            redirect(ctx, ctx.pathParam("flow"), "retried");
        });
    }

    private static void redirect(Context ctx, String name, String done) {
        ctx.redirect("/flows/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "?done=" + done,
                HttpStatus.SEE_OTHER);
    }
}
