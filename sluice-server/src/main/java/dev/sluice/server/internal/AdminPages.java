package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.sluice.core.SluiceException;
import dev.sluice.store.AuditAction;
import dev.sluice.store.AuditPage;
import dev.sluice.store.GrantLevel;
import dev.sluice.store.Role;
import dev.sluice.store.User;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Who may do what: a connection's grants (give or take away view, read, write, manage; managers), users (admins
 * create them with a one-time password) and the audit log with filters (admins; managers for their connection).
 * Every action goes through the same service calls as the REST API. Thread-safe.
 */
public final class AdminPages {
    private final Services s;
    private final PageGuard guard;
    private final ConnectionService connections;

    public AdminPages(Services services, Pages pages) {
        this.s = services;
        this.guard = new PageGuard(services, pages);
        this.connections = new ConnectionService(services);
    }

    /** The routes. */
    public List<ApiRoute> routes() {
        String grants = "/connections/{connection}/grants";
        return List.of(
                new ApiRoute(GET, grants, "public", "Grants page", this::grants),
                new ApiRoute(POST, grants, "public", "Give a grant (form)", this::grant),
                new ApiRoute(POST, grants + "/{user}/revoke", "public", "Take a grant away (form)", this::revoke),
                new ApiRoute(GET, "/users", "public", "Users page", this::users),
                new ApiRoute(POST, "/users", "public", "Create a user (form)", this::createUser),
                new ApiRoute(GET, "/audit", "public", "Audit log page", this::audit));
    }

    private void grants(Context ctx) throws Exception {
        guard.run(ctx, c -> grantsPage(ctx, c, ""));
    }

    private void grantsPage(Context ctx, Caller c, String error) {
        String ref = ctx.pathParam("connection");
        String name = connections.get(c, ref, GrantLevel.MANAGE).connection().name();
        List<String> users = c.isAdmin() ? s.store().users().list().stream().map(User::name).toList() : List.of();
        guard.render(ctx, c, "grants.jte", Map.of("connection", name, "grants", connections.grants(c, ref),
                "users", users, "levels", Arrays.stream(GrantLevel.values()).map(GrantLevel::wireName).toList(),
                "error", error));
    }

    private void grant(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            String ref = ctx.pathParam("connection");
            connections.get(c, ref, GrantLevel.MANAGE);
            try {
                String user = ctx.formParam("user");
                connections.grant(c, ref, user == null ? "" : user.strip().toLowerCase(java.util.Locale.ROOT),
                        GrantLevel.fromWireName(ctx.formParam("level")));
                ctx.redirect(grantsPath(ctx), HttpStatus.SEE_OTHER);
            } catch (ApiProblem | SluiceException e) {
                grantsPage(ctx, c, e.getMessage());
                ctx.status(e instanceof ApiProblem p ? p.status() : Problems.of((SluiceException) e).status());
            }
        });
    }

    private void revoke(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            connections.revoke(c, ctx.pathParam("connection"), ctx.pathParam("user"));
            ctx.redirect(grantsPath(ctx), HttpStatus.SEE_OTHER);
        });
    }

    private static String grantsPath(Context ctx) {
        return "/connections/" + URLEncoder.encode(ctx.pathParam("connection"), StandardCharsets.UTF_8)
                .replace("+", "%20") + "/grants";
    }

    private void users(Context ctx) throws Exception {
        guard.run(ctx, c -> usersPage(ctx, c, "", ""));
    }

    private void usersPage(Context ctx, Caller c, String error, String created) {
        Access.requireAdmin(c);
        guard.render(ctx, c, "users.jte", Map.of("users", s.store().users().list(), "error", error,
                "created", created));
    }

    private void createUser(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            Access.requireAdmin(c);
            String name = ctx.formParam("name") == null ? "" : ctx.formParam("name").strip();
            try {
                String password = ctx.formParam("password");
                if (password == null || password.length() < 8) {
                    throw ApiProblem.badRequest("the one-time password needs at least 8 characters");
                }
                AccountApi.createUser(s.store(), c, name, Role.fromWireName(ctx.formParam("role")), password,
                        "on".equals(ctx.formParam("mustChangePassword")));
                usersPage(ctx, c, "", name);
            } catch (ApiProblem | SluiceException e) {
                usersPage(ctx, c, e.getMessage(), "");
                ctx.status(400);
            }
        });
    }

    private void audit(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            String connection = ctx.queryParam("connection");
            connection = connection == null ? "" : connection.strip();
            List<String> managed = connections.list(c).stream()
                    .filter(seen -> seen.level() == GrantLevel.MANAGE).map(seen -> seen.connection().name()).toList();
            if (connection.isEmpty() && !c.isAdmin()) {
                if (managed.isEmpty()) {
                    throw ApiProblem.forbidden("the audit log is for admins, and for managers of a connection");
                }
                connection = managed.get(0);
            }
            AuditPage page = connections.audit(c, connection, GrantApi.query(ctx));
            String next = page.nextPage().map(n -> "/audit?" + query(Map.of("connection", param(ctx, "connection"),
                    "actor", param(ctx, "actor"), "action", param(ctx, "action"), "from", param(ctx, "from"),
                    "to", param(ctx, "to"), "after", AuditCursors.encode(n.after())))).orElse("");
            guard.render(ctx, c, "audit.jte", Map.of("events", page.events(), "connection", connection,
                    "connections", managed, "actor", param(ctx, "actor"), "action", param(ctx, "action"),
                    "from", param(ctx, "from"), "to", param(ctx, "to"), "next", next,
                    "actions", Arrays.stream(AuditAction.values()).map(AuditAction::wireName).toList()));
        });
    }

    private static String query(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> {
            if (!v.isEmpty()) {
                b.append(b.isEmpty() ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return b.toString();
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? "" : v.strip();
    }
}
