package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.flow.FlowException;
import dev.sluice.store.FlowRun;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/v1/flows}: list, upload (YAML body, validated first), show, start a run (202 with its id), a run's live
 * progress, cancel, run history, dead letters and their retry, through {@link FlowService}. A flow file with problems is answered 400 problem+json with a
 * {@code problems} array (file, line, column, message, suggestion). Thread-safe.
 */
public final class FlowApi {
    private final FlowService flows;

    public FlowApi(FlowService flows) {
        this.flows = flows;
    }

    /** This API's routes. */
    public List<ApiRoute> routes() {
        String one = "/api/v1/flows/{flow}";
        return List.of(
                new ApiRoute(GET, "/api/v1/flows", "signed in", "Flows you may see, with validation state, schedule "
                        + "and last run", invalidFlows(this::list)),
                new ApiRoute(POST, "/api/v1/flows", "signed in (declared connections: admin)", "Upload a flow file "
                        + "(YAML body); validated first, replaces your earlier upload of the same name",
                        invalidFlows(this::upload)),
                new ApiRoute(GET, one, "view grant on a flow connection", "A flow: definition, validation state, "
                        + "last runs", invalidFlows(this::get)),
                new ApiRoute(POST, one + "/runs", "read grant on source, write grant on target",
                        "Start the flow now (from its checkpoint); answers 202 at once with the run (Location: the "
                        + "run), which goes on in the background", invalidFlows(this::run)),
                new ApiRoute(GET, one + "/runs", "view grant on a flow connection", "The flow's runs, newest first",
                        invalidFlows(this::runs)),
                new ApiRoute(GET, one + "/runs/{run}", "view grant on a flow connection", "One run with its live "
                        + "progress: status, rows read and written, rows/s, expected rows and ETA when known",
                        invalidFlows(this::oneRun)),
                new ApiRoute(POST, one + "/runs/{run}/cancel", "read grant on source, write grant on target",
                        "Ask a running run to stop at its next chunk boundary (checkpoint kept); answers 202 with "
                        + "the run", invalidFlows(this::cancel)),
                new ApiRoute(GET, one + "/dead-letters", "read grant on source", "The flow's dead letters: source "
                        + "record, error kind, message", invalidFlows(this::deadLetters)),
                new ApiRoute(POST, one + "/dead-letters/retry", "read grant on source, write grant on target",
                        "Replay the dead letters through the flow's current mapping", invalidFlows(this::retry)));
    }

    private void list(Context ctx) {
        ArrayNode out = JsonBodies.MAPPER.createArrayNode();
        flows.list(Routes.caller(ctx)).forEach(v -> out.add(FlowJson.flow(v, null)));
        JsonBodies.write(ctx, 200, Map.of("value", out));
    }

    private void upload(Context ctx) {
        FlowService.Uploaded u = flows.upload(Routes.caller(ctx), ctx.body());
        ctx.header("Location", "/api/v1/flows/" + u.view().flow().name());
        JsonBodies.write(ctx, u.created() ? 201 : 200, FlowJson.flow(u.view(), List.of()));
    }

    private void get(Context ctx) {
        Caller caller = Routes.caller(ctx);
        String name = ctx.pathParam("flow");
        JsonBodies.write(ctx, 200, FlowJson.flow(flows.get(caller, name), flows.runs(caller, name)));
    }

    private void run(Context ctx) {
        String name = ctx.pathParam("flow");
        FlowRun started = flows.start(Routes.caller(ctx), name);
        ctx.header("Location", "/api/v1/flows/" + name + "/runs/" + started.id());
        JsonBodies.write(ctx, 202, FlowJson.run(started, flows.now()));
    }

    private void oneRun(Context ctx) {
        JsonBodies.write(ctx, 200, FlowJson.run(flows.run(Routes.caller(ctx), ctx.pathParam("flow"), runId(ctx)),
                flows.now()));
    }

    private void cancel(Context ctx) {
        JsonBodies.write(ctx, 202, FlowJson.run(flows.cancel(Routes.caller(ctx), ctx.pathParam("flow"), runId(ctx)),
                flows.now()));
    }

    private static UUID runId(Context ctx) {
        try {
            return UUID.fromString(ctx.pathParam("run"));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("no run '" + ctx.pathParam("run") + "'; run ids are UUIDs");
        }
    }

    private void runs(Context ctx) {
        ArrayNode out = JsonBodies.MAPPER.createArrayNode();
        flows.runs(Routes.caller(ctx), ctx.pathParam("flow")).forEach(r -> out.add(FlowJson.run(r)));
        JsonBodies.write(ctx, 200, Map.of("value", out));
    }

    private void deadLetters(Context ctx) {
        ArrayNode out = JsonBodies.MAPPER.createArrayNode();
        flows.deadLetters(Routes.caller(ctx), ctx.pathParam("flow")).forEach(d -> out.add(FlowJson.deadLetter(d)));
        JsonBodies.write(ctx, 200, Map.of("value", out));
    }

    private void retry(Context ctx) {
        JsonBodies.write(ctx, 200, FlowJson.summary(flows.retryDeadLetters(Routes.caller(ctx),
                ctx.pathParam("flow"))));
    }

    /** Answers a flow file's problems as 400 problem+json with a {@code problems} array. */
    private static Handler invalidFlows(Handler h) {
        return ctx -> {
            try {
                h.handle(ctx);
            } catch (FlowException e) {
                ObjectNode body = JsonBodies.MAPPER.createObjectNode();
                body.put("type", "about:blank");
                body.put("title", "Invalid flow");
                body.put("status", 400);
                body.put("detail", e.getMessage());
                String requestId = ctx.attribute(RequestLog.REQUEST_ID);
                if (requestId != null) {
                    body.put("requestId", requestId);
                }
                body.set("problems", FlowJson.problems(e.problems()));
                ctx.status(400).contentType(Problems.MEDIA_TYPE)
                        .result(body.toString().getBytes(StandardCharsets.UTF_8));
            }
        };
    }
}
