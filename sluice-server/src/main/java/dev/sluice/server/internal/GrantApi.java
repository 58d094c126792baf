package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PUT;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.store.AuditAction;
import dev.sluice.store.AuditEvent;
import dev.sluice.store.AuditPage;
import dev.sluice.store.AuditQuery;
import dev.sluice.store.Grant;
import dev.sluice.store.GrantLevel;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Grants ({@code /api/v1/connections/{c}/grants}, managers) and the audit log ({@code /api/v1/audit}). Thread-safe. */
public final class GrantApi {
    private final Services s;

    private final ConnectionService connections;

    public GrantApi(Services services) {
        this.s = services;
        this.connections = new ConnectionService(services);
    }

    /** This API's routes. */
    public List<ApiRoute> routes() {
        String grants = "/api/v1/connections/{connection}/grants";
        return List.of(
                new ApiRoute(GET, grants, "manage grant", "Who may use the connection, and how", this::list),
                new ApiRoute(PUT, grants + "/{user}", "manage grant", "Give a user view, read, write or manage", this::put),
                new ApiRoute(DELETE, grants + "/{user}", "manage grant", "Take a user's grant away", this::delete),
                new ApiRoute(GET, "/api/v1/audit", "admin, or manage grant with connection=",
                        "The audit log, newest first; filters connection, actor, action, from, to, pageSize, after",
                        this::audit));
    }

    private void list(Context ctx) {
        ArrayNode out = JsonBodies.MAPPER.createArrayNode();
        connections.grants(Routes.caller(ctx), ctx.pathParam("connection")).forEach(g -> out.add(grant(g)));
        JsonBodies.write(ctx, 200, Map.of("value", out));
    }

    private void put(Context ctx) {
        Caller caller = Routes.caller(ctx);
        String ref = ctx.pathParam("connection");
        s.access().require(caller, ref, GrantLevel.MANAGE);
        GrantLevel level = GrantLevel.fromWireName(JsonBodies.text(JsonBodies.object(ctx), "level"));
        JsonBodies.write(ctx, 200, grant(connections.grant(caller, ref, ctx.pathParam("user"), level)));
    }

    private void delete(Context ctx) {
        connections.revoke(Routes.caller(ctx), ctx.pathParam("connection"), ctx.pathParam("user"));
        ctx.status(204);
    }

    private void audit(Context ctx) {
        Caller caller = Routes.caller(ctx);
        String connection = ctx.queryParam("connection");
        if (connection == null || connection.isBlank()) {
            Access.requireAdmin(caller);
        }
        AuditPage page = connections.audit(caller, connection, query(ctx));
        ArrayNode out = JsonBodies.MAPPER.createArrayNode();
        page.events().forEach(e -> out.add(event(e)));
        ObjectNode body = JsonBodies.MAPPER.createObjectNode();
        body.set("value", out);
        body.put("next", page.nextPage().map(n -> AuditCursors.encode(n.after())).orElse(null));
        JsonBodies.write(ctx, 200, body);
    }

    /** The audit filters of a request ({@code actor, action, from, to, pageSize, after}); the UI uses them too. */
    static AuditQuery query(Context ctx) {
        AuditQuery q = AuditQuery.all();
        String actor = ctx.queryParam("actor");
        if (actor != null && !actor.isBlank()) {
            q = q.actor(actor.strip());
        }
        String action = ctx.queryParam("action");
        if (action != null && !action.isBlank()) {
            q = q.action(AuditAction.fromWireName(action));
        }
        q = q.between(instant(ctx, "from"), instant(ctx, "to"));
        String size = ctx.queryParam("pageSize");
        if (size != null && !size.isBlank()) {
            try {
                q = q.pageSize(Integer.parseInt(size));
            } catch (NumberFormatException e) {
                throw ApiProblem.badRequest("pageSize must be a whole number");
            }
        }
        String after = ctx.queryParam("after");
        if (after != null && !after.isBlank()) {
            q = q.after(AuditCursors.decode(after));
        }
        return q;
    }

    private static Instant instant(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException notInstant) {
            try {
                // a browser's datetime-local field: no zone, read as UTC
                return java.time.LocalDateTime.parse(v).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw ApiProblem.badRequest("'" + name + "' must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
            }
        }
    }

    static ObjectNode grant(Grant g) {
        ObjectNode n = JsonBodies.MAPPER.createObjectNode();
        n.put("user", g.user());
        n.put("level", g.level().wireName());
        n.put("grantedBy", g.grantedBy());
        n.put("grantedAt", g.grantedAt().toString());
        return n;
    }

    static ObjectNode event(AuditEvent e) {
        ObjectNode n = JsonBodies.MAPPER.createObjectNode();
        n.put("id", e.id());
        n.put("at", e.at().toString());
        n.put("actor", e.actor());
        n.put("action", e.action().wireName());
        n.put("connectionId", e.connectionId() == null ? null : e.connectionId().toString());
        n.put("connectionName", e.connectionName());
        n.put("detail", e.detail());
        return n;
    }
}
