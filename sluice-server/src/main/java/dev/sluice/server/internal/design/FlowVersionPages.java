package dev.sluice.server.internal.design;

import static io.javalin.http.HandlerType.GET;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.server.internal.ApiProblem;
import dev.sluice.server.internal.ApiRoute;
import dev.sluice.server.internal.FlowService;
import dev.sluice.server.internal.JsonBodies;
import dev.sluice.server.internal.PageGuard;
import dev.sluice.server.internal.Pages;
import dev.sluice.server.internal.Routes;
import dev.sluice.server.internal.ServerFlow;
import dev.sluice.server.internal.Services;
import dev.sluice.store.FlowVersion;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A flow's saved versions: the list (who saved each, when, from the designer or as a file), one version's file with
 * its changes against the one before, and downloads of the current file and of any version; in the web UI and as
 * {@code /api/v1/flows/{flow}/versions}. Whoever may see the flow may see its versions. Thread-safe.
 */
public final class FlowVersionPages {
    private final PageGuard guard;
    private final FlowService flows;

    public FlowVersionPages(Services services, Pages pages, FlowService flows) {
        this.guard = new PageGuard(services, pages);
        this.flows = flows;
    }

    /** The routes. */
    public List<ApiRoute> routes() {
        String one = "/flows/{flow}";
        return List.of(
                new ApiRoute(GET, one + "/yaml", "public", "Download a flow's current file", this::current),
                new ApiRoute(GET, one + "/versions", "public", "A flow's saved versions", this::list),
                new ApiRoute(GET, one + "/versions/{version}", "public", "One version of a flow, with its changes "
                        + "against the one before", this::one),
                new ApiRoute(GET, one + "/versions/{version}/yaml", "public", "Download one version of a flow",
                        this::download),
                new ApiRoute(GET, "/api/v1" + one + "/versions", "view grant on a flow connection", "A flow's saved "
                        + "versions: number, who, when, origin", this::apiList),
                new ApiRoute(GET, "/api/v1" + one + "/versions/{version}", "view grant on a flow connection",
                        "One version of a flow, with its file", this::apiOne));
    }

    private static int number(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("version"));
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound("no version '" + ctx.pathParam("version") + "'; versions are numbers from 1");
        }
    }

    private void current(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            ServerFlow f = flows.flow(c, ctx.pathParam("flow"));
            DesignerPages.attachment(ctx, f.name() + ".flow.yaml", f.yaml());
        });
    }

    private void list(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            ServerFlow f = flows.flow(c, ctx.pathParam("flow"));
            guard.render(ctx, c, "flow_versions.jte", Map.of("flow", f, "versions", flows.versions(c, f.name())));
        });
    }

    private void one(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            String name = ctx.pathParam("flow");
            FlowVersion v = flows.version(c, name, number(ctx));
            Optional<FlowVersion> before = v.version() > 1 ? Optional.of(flows.version(c, name, v.version() - 1))
                    : Optional.empty();
            List<LineDiff.Line> diff = before.map(b -> LineDiff.of(b.yaml(), v.yaml())).orElse(List.of());
            guard.render(ctx, c, "flow_version.jte", Map.of("v", v, "diff", diff, "latest",
                    flows.versions(c, name).get(0).version()));
        });
    }

    private void download(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            FlowVersion v = flows.version(c, ctx.pathParam("flow"), number(ctx));
            DesignerPages.attachment(ctx, v.flow() + ".v" + v.version() + ".flow.yaml", v.yaml());
        });
    }

    private static ObjectNode json(ObjectNode o, FlowVersion v) {
        return o.put("version", v.version()).put("savedBy", v.savedBy()).put("savedAt", v.savedAt().toString())
                .put("origin", v.origin());
    }

    private void apiList(Context ctx) {
        ArrayNode out = JsonBodies.MAPPER.createArrayNode();
        flows.versions(Routes.caller(ctx), ctx.pathParam("flow")).forEach(v -> json(out.addObject(), v));
        JsonBodies.write(ctx, 200, Map.of("value", out));
    }

    private void apiOne(Context ctx) {
        FlowVersion v = flows.version(Routes.caller(ctx), ctx.pathParam("flow"), number(ctx));
        JsonBodies.write(ctx, 200, json(JsonBodies.MAPPER.createObjectNode(), v).put("yaml", v.yaml()));
    }
}
