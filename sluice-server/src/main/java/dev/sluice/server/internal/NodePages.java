package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.GET;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** The Nodes page for admins: the servers sharing this store and the runs each holds. Thread-safe. */
public final class NodePages {
    private final Services s;
    private final PageGuard guard;
    private final LocalNode node;

    public NodePages(Services services, Pages pages, LocalNode node) {
        this.s = services;
        this.guard = new PageGuard(services, pages);
        this.node = node;
    }

    /** The routes. */
    public List<ApiRoute> routes() {
        return List.of(new ApiRoute(GET, "/nodes", "public", "Nodes page", this::page));
    }

    private void page(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            Access.requireAdmin(c);
            guard.render(ctx, c, "nodes.jte", Map.of("cluster", NodeView.of(s.store(), node.name(),
                    s.clock().instant()), "now", s.clock().instant()));
        });
    }
}
