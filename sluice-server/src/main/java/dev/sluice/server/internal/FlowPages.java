package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.sluice.store.DeadLetter;
import dev.sluice.store.FlowRun;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The Flows pages: the list (validation state, schedule, last run) and a flow's page (definition, run now, the
 * running run's live progress with cancel, run history, dead letters with retry), through {@link FlowService} with
 * the same grant checks and audit as the API. The progress panel polls its fragment every second (htmx) until the
 * run ends, then reloads the page. Thread-safe.
 */
public final class FlowPages {
    private static final Map<String, String> NOTICES = Map.of("run", "The run started; its progress shows below.",
            "saved", "The flow was saved as a new version; run it below.",
            "cancel", "The run was asked to stop; it stops at its next chunk boundary, checkpoint kept.",
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
                new ApiRoute(GET, one + "/runs/{run}/progress", "public", "A run's live progress (htmx fragment)",
                        this::progress),
                new ApiRoute(POST, one + "/runs/{run}/cancel", "public", "Cancel a running run (form)", this::cancel),
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
            List<FlowRun> runs = flows.runs(c, name);
            FlowRun live = runs.isEmpty() || !runs.get(0).running() ? null : runs.get(0);
            Map<String, Object> params = new java.util.HashMap<>(Map.of("view", view, "runs", runs, "deadLetters", dead,
                    "csrf", c.session().csrfToken(), "notice", NOTICES.getOrDefault(String.valueOf(
                            ctx.queryParam("done")), ""), "now", flows.now()));
            params.put("live", live);
            guard.render(ctx, c, "flow.jte", params);
        });
    }

    private void run(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            flows.start(c, ctx.pathParam("flow"));
            redirect(ctx, ctx.pathParam("flow"), "run");
        });
    }

    /** The progress panel; once the run has ended, tells htmx to reload the page (history, dead letters). */
    private void progress(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            String name = ctx.pathParam("flow");
            FlowRun run = flows.run(c, name, runId(ctx));
            if (!run.running()) {
                ctx.header("HX-Refresh", "true");
            }
            FlowService.FlowView view = flows.get(c, name);
            guard.renderFragment(ctx, "flow_progress.jte", Map.of("flow", name, "run", run, "now", flows.now(),
                    "csrf", c.session().csrfToken(), "mayRun", view.mayRun(), "chunkSize",
                    view.definition() == null ? 0 : view.definition().target().chunkSize()));
        });
    }

    private void cancel(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            flows.cancel(c, ctx.pathParam("flow"), runId(ctx));
            redirect(ctx, ctx.pathParam("flow"), "cancel");
        });
    }

    private static java.util.UUID runId(Context ctx) {
        try {
            return java.util.UUID.fromString(ctx.pathParam("run"));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("no run '" + ctx.pathParam("run") + "'");
        }
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
