package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.flow.JdbcRecordProvider;
import dev.sluice.store.DatabaseConnection;
import dev.sluice.store.Grant;
import dev.sluice.store.GrantLevel;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Databases for flows, registered by admins: {@code /api/v1/databases} and the {@code /databases} page. A database
 * (PostgreSQL or H2) is reached by its JDBC URL, user and password (stored encrypted, never shown); registering one
 * connects to it first. Who may use it is a grant per user, like a connection's: {@code read} lets a flow read its
 * tables, {@code write} write them, {@code manage} also create tables from the designer. Members never name a JDBC URL
 * or a file themselves: the designer offers only these databases, and only those they hold a grant on. Thread-safe.
 */
public final class DatabaseAdmin {
    private final Services s;
    private final PageGuard guard;

    public DatabaseAdmin(Services services, Pages pages) {
        this.s = services;
        this.guard = new PageGuard(services, pages);
    }

    /** The routes. */
    public List<ApiRoute> routes() {
        String one = "/api/v1/databases/{database}";
        return List.of(
                new ApiRoute(GET, "/api/v1/databases", "signed in", "Databases for flows: all (admins) or those you "
                        + "hold a grant on, with your level; never a password", this::list),
                new ApiRoute(POST, "/api/v1/databases", "admin", "Register a database for flows (name, jdbcUrl, user, "
                        + "password); it is connected to first", this::create),
                new ApiRoute(DELETE, one, "admin", "Remove a database and its grants", this::delete),
                new ApiRoute(GET, one + "/grants", "admin", "Who may use a database, and how", this::grants),
                new ApiRoute(PUT, one + "/grants/{user}", "admin", "Give a user a level on a database (body: level)",
                        this::grant),
                new ApiRoute(DELETE, one + "/grants/{user}", "admin", "Take a user's grant on a database away",
                        this::revoke),
                new ApiRoute(GET, "/databases", "public", "Databases page", this::page),
                new ApiRoute(POST, "/databases", "public", "Register a database (form)", this::createForm),
                new ApiRoute(POST, "/databases/{database}/remove", "public", "Remove a database (form)",
                        this::removeForm),
                new ApiRoute(POST, "/databases/{database}/grants", "public", "Grant a user a level on a database "
                        + "(form)", this::grantForm),
                new ApiRoute(POST, "/databases/{database}/grants/{user}/revoke", "public", "Revoke a database grant "
                        + "(form)", this::revokeForm));
    }

    private void list(Context ctx) {
        Caller caller = Routes.caller(ctx);
        ArrayNode out = JsonBodies.MAPPER.createArrayNode();
        for (DatabaseConnection d : s.store().databases().list()) {
            s.access().level(caller, d).ifPresent(level -> json(out.addObject(), d).put("level", level.wireName()));
        }
        JsonBodies.write(ctx, 200, Map.of("value", out));
    }

    private static ObjectNode json(ObjectNode o, DatabaseConnection d) {
        return o.put("name", d.name()).put("url", d.describe()).put("user", d.user()).put("hasPassword", d.hasPassword())
                .put("createdBy", d.createdBy()).put("createdAt", d.createdAt().toString());
    }

    private void create(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Access.requireAdmin(caller);
        JsonNode body = JsonBodies.object(ctx);
        String password = JsonBodies.optionalText(body, "password");
        DatabaseConnection d = register(caller, JsonBodies.text(body, "name"), JsonBodies.text(body, "jdbcUrl"),
                JsonBodies.optionalText(body, "user"), password == null ? null : Secret.of(password));
        ctx.header("Location", "/api/v1/databases/" + d.name());
        JsonBodies.write(ctx, 201, json(JsonBodies.MAPPER.createObjectNode(), d));
    }

    /** Checks the settings, connects to the database once, then stores it; nothing is stored when either fails. */
    private DatabaseConnection register(Caller caller, String name, String url, String user, Secret password) {
        dev.sluice.store.ConnectionSettings.checkName(name);
        DatabaseConnection.checkUrl(url);
        try (JdbcRecordProvider p = new JdbcRecordProvider(url.strip(), user == null || user.isBlank() ? null : user,
                password == null || password.isEmpty() ? null : password)) {
            p.tables();
        } catch (SluiceException e) {
            throw ApiProblem.badRequest("cannot connect to the database, so it was not registered: " + e.getMessage());
        }
        return s.store().databases().create(name, url, user, password, caller.name());
    }

    private void delete(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Access.requireAdmin(caller);
        if (!s.store().databases().delete(ctx.pathParam("database"), caller.name())) {
            throw ApiProblem.notFound("no database '" + ctx.pathParam("database") + "'");
        }
        ctx.status(204);
    }

    private DatabaseConnection database(String name) {
        return s.store().databases().get(name).orElseThrow(() -> ApiProblem.notFound("no database '" + name + "'"));
    }

    private void grants(Context ctx) {
        Access.requireAdmin(Routes.caller(ctx));
        ArrayNode out = JsonBodies.MAPPER.createArrayNode();
        for (Grant g : s.store().databases().grants(database(ctx.pathParam("database")).id())) {
            out.addObject().put("user", g.user()).put("level", g.level().wireName()).put("grantedBy", g.grantedBy())
                    .put("grantedAt", g.grantedAt().toString());
        }
        JsonBodies.write(ctx, 200, Map.of("value", out));
    }

    private void grant(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Access.requireAdmin(caller);
        GrantLevel level = GrantLevel.fromWireName(JsonBodies.text(JsonBodies.object(ctx), "level"));
        Grant g = s.store().databases().grant(database(ctx.pathParam("database")), ctx.pathParam("user"), level,
                caller.name());
        JsonBodies.write(ctx, 200, Map.of("user", g.user(), "level", g.level().wireName()));
    }

    private void revoke(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Access.requireAdmin(caller);
        if (!s.store().databases().revoke(database(ctx.pathParam("database")), ctx.pathParam("user"), caller.name())) {
            throw ApiProblem.notFound("user '" + ctx.pathParam("user") + "' has no grant on this database");
        }
        ctx.status(204);
    }

    private void page(Context ctx) throws Exception {
        guard.run(ctx, c -> render(ctx, c, "", 200));
    }

    private void createForm(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            Access.requireAdmin(c);
            try {
                String password = ctx.formParam("password");
                register(c, String.valueOf(ctx.formParam("name")).strip(), String.valueOf(ctx.formParam("jdbcUrl")),
                        ctx.formParam("user"), password == null || password.isEmpty() ? null : Secret.of(password));
                ctx.redirect("/databases", HttpStatus.SEE_OTHER);
            } catch (ApiProblem e) {
                render(ctx, c, e.getMessage(), e.status());
            } catch (SluiceException e) {
                render(ctx, c, e.getMessage(), Problems.of(e).status());
            }
        });
    }

    private void removeForm(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            Access.requireAdmin(c);
            s.store().databases().delete(ctx.pathParam("database"), c.name());
            ctx.redirect("/databases", HttpStatus.SEE_OTHER);
        });
    }

    private void grantForm(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            Access.requireAdmin(c);
            try {
                s.store().databases().grant(database(ctx.pathParam("database")), String.valueOf(ctx.formParam("user"))
                        .strip(), GrantLevel.fromWireName(ctx.formParam("level")), c.name());
                ctx.redirect("/databases", HttpStatus.SEE_OTHER);
            } catch (SluiceException e) {
                render(ctx, c, e.getMessage(), Problems.of(e).status());
            }
        });
    }

    private void revokeForm(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            Access.requireAdmin(c);
            s.store().databases().revoke(database(ctx.pathParam("database")), ctx.pathParam("user"), c.name());
            ctx.redirect("/databases", HttpStatus.SEE_OTHER);
        });
    }

    private void render(Context ctx, Caller c, String error, int status) {
        Access.requireAdmin(c);
        Map<DatabaseConnection, List<Grant>> all = new LinkedHashMap<>();
        for (DatabaseConnection d : s.store().databases().list()) {
            all.put(d, s.store().databases().grants(d.id()));
        }
        List<String> users = new ArrayList<>();
        s.store().users().list().forEach(u -> users.add(u.name()));
        guard.render(ctx, c, "databases.jte", Map.of("databases", all, "users", users, "error", error));
        ctx.status(status);
    }
}
