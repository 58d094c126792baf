package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.GET;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.store.FlowRun;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /api/v1/nodes}: the servers sharing this store, for admins: each node's name, version, state, last
 * heartbeat, run limit and the runs it holds; and the runs waiting for a node. Thread-safe.
 */
public final class NodeApi {
    private final Services s;
    private final LocalNode node;

    public NodeApi(Services services, LocalNode node) {
        this.s = services;
        this.node = node;
    }

    /** The routes. */
    public List<ApiRoute> routes() {
        return List.of(new ApiRoute(GET, "/api/v1/nodes", "admin", "The nodes sharing this store: version, state, "
                + "last heartbeat, run limit, the runs each holds; and the runs waiting for a node", this::list));
    }

    private void list(Context ctx) {
        Access.requireAdmin(Routes.caller(ctx));
        NodeView.Cluster cluster = NodeView.of(s.store(), node.name(), s.clock().instant());
        ObjectNode out = JsonBodies.MAPPER.createObjectNode();
        out.put("self", node.name());
        ArrayNode nodes = out.putArray("value");
        for (NodeView v : cluster.nodes()) {
            ObjectNode n = nodes.addObject();
            n.put("name", v.node().name());
            n.put("version", v.node().version());
            n.put("schemaVersion", v.node().schemaVersion());
            n.put("address", v.node().address());
            n.put("state", v.alive() ? v.node().state() : "gone");
            n.put("alive", v.alive());
            n.put("self", v.self());
            n.put("runLimit", v.node().runLimit());
            n.put("leaseMs", v.node().lease().toMillis());
            n.put("startedAt", v.node().startedAt().toString());
            n.put("lastHeartbeat", v.node().heartbeatAt().toString());
            runs(n.putArray("runs"), v.runs());
        }
        runs(out.putArray("waiting"), cluster.waiting());
        JsonBodies.write(ctx, 200, out);
    }

    private static void runs(ArrayNode out, List<FlowRun> runs) {
        for (FlowRun r : runs) {
            ObjectNode n = out.addObject();
            n.put("flow", r.flow());
            n.put("id", r.id().toString());
            n.put("startedAt", r.startedAt().toString());
            n.put("startedVia", r.startedVia());
            n.put("read", r.counts().read());
            n.put("takeovers", r.takeovers());
        }
    }
}
