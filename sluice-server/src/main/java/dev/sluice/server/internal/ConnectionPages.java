package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.WhoAmI;
import dev.sluice.store.AuthMethod;
import dev.sluice.store.Connection;
import dev.sluice.store.GrantLevel;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The web UI's connection pages: create and edit (every auth method; secrets only ever go in), the connection's
 * detail and token status, Authorize (what is asked, of whom, for whom, before leaving Sluice), sign out, test and
 * delete. Every action goes through {@link ConnectionService}, like the REST API. Thread-safe.
 */
public final class ConnectionPages {
    /** What the page says after an action (fixed texts: a link cannot make the page say anything else). */
    private static final Map<String, String> NOTICES = Map.of(
            "created", "Connection created. Authorize it so it can reach Dynamics.",
            "saved", "Connection saved.",
            "authorized", "Authorized.",
            "signed-out", "Signed out: the connection's tokens are deleted. Authorize it again to use it.");

    private final Services s;
    private final PageGuard guard;
    private final Pages pages;
    private final ConnectionService connections;

    public ConnectionPages(Services services, Pages pages) {
        this.s = services;
        this.pages = pages;
        this.guard = new PageGuard(services, pages);
        this.connections = new ConnectionService(services);
    }

    /** The routes ({@code /connections/new} before {@code /connections/{connection}}). */
    public List<ApiRoute> routes() {
        String one = "/connections/{connection}";
        return List.of(
                new ApiRoute(GET, "/connections/new", "public", "New connection page", this::newPage),
                new ApiRoute(POST, "/connections", "public", "Create a connection (form)", this::create),
                new ApiRoute(GET, one, "public", "Connection page", this::detail),
                new ApiRoute(GET, one + "/edit", "public", "Edit connection page", this::editPage),
                new ApiRoute(POST, one + "/edit", "public", "Edit a connection (form)", this::edit),
                new ApiRoute(GET, one + "/authorize", "public", "Authorize page", this::authorizePage),
                new ApiRoute(POST, one + "/authorize", "public", "Authorize (form)", this::authorize),
                new ApiRoute(POST, one + "/signout", "public", "Sign the connection out (form)", this::signOut),
                new ApiRoute(POST, one + "/test", "public", "Test the connection (form or htmx)", this::test),
                new ApiRoute(POST, one + "/delete", "public", "Delete the connection (form)", this::delete));
    }

    private void newPage(Context ctx) throws Exception {
        guard.run(ctx, c -> form(ctx, c, ConnectionForm.blank(), null, List.of(), "", 200));
    }

    private void create(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            try {
                ObjectNode body = ConnectionForm.body(ctx);
                Connection created = connections.create(c, ConnectionJson.settings(body, s), ConnectionJson.secrets(body));
                redirect(ctx, created.name(), "created");
            } catch (ApiProblem | SluiceException e) {
                form(ctx, c, ConnectionForm.posted(ctx), null, List.of(), e.getMessage(), 400);
            }
        });
    }

    private void editPage(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            ConnectionService.Seen seen = connections.get(c, ctx.pathParam("connection"), GrantLevel.MANAGE);
            form(ctx, c, ConnectionForm.of(seen.connection()), seen.connection().name(), seen.storedSecrets(), "", 200);
        });
    }

    private void edit(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            ConnectionService.Seen seen = connections.get(c, ctx.pathParam("connection"), GrantLevel.MANAGE);
            try {
                ObjectNode body = ConnectionForm.body(ctx);
                Connection updated = connections.update(c, seen.connection().id().toString(),
                        ConnectionJson.settings(body, s), ConnectionJson.secrets(body));
                redirect(ctx, updated.name(), "saved");
            } catch (ApiProblem | SluiceException e) {
                form(ctx, c, ConnectionForm.posted(ctx), seen.connection().name(), seen.storedSecrets(),
                        e.getMessage(), 400);
            }
        });
    }

    private void form(Context ctx, Caller c, ConnectionForm form, String editing, List<String> stored, String error,
            int status) {
        pages.render(ctx, status, "connection-form.jte", Map.of("caller", c, "form", form,
                "editing", editing == null ? "" : editing, "stored", stored, "error", error,
                "callbacks", List.of(s.defaultRedirectUri().toString(),
                        s.publicBaseUrl() + Services.LEGACY_CALLBACK_PATH)));
    }

    private void detail(Context ctx) throws Exception {
        guard.run(ctx, c -> detail(ctx, c, ""));
    }

    private void detail(Context ctx, Caller c, String testResult) {
        ConnectionService.Seen seen = connections.get(c, ctx.pathParam("connection"), GrantLevel.VIEW);
        String notice = NOTICES.getOrDefault(String.valueOf(ctx.queryParam("done")), "");
        guard.render(ctx, c, "connection.jte", Map.of("seen", seen, "notice", notice,
                "testResult", testResult));
    }

    private void authorizePage(Context ctx) throws Exception {
        guard.run(ctx, c -> authorizePage(ctx, c, "", 200));
    }

    private void authorizePage(Context ctx, Caller c, String error, int status) {
        ConnectionService.Seen seen = connections.get(c, ctx.pathParam("connection"), GrantLevel.MANAGE);
        Connection conn = seen.connection();
        List<String> scopes = s.credentials().scopes(conn);
        String idp = "";
        if (conn.settings().auth().method() == AuthMethod.AUTHORIZATION_CODE) {
            URI authorize = s.credentials().endpoints(conn).authorization();
            idp = authorize.getScheme() + "://" + authorize.getAuthority();
        }
        pages.render(ctx, status, "authorize.jte", Map.of("caller", c, "seen", seen, "scopes", scopes,
                "permissions", ConsentText.describe(scopes, conn.settings().orgUrl().toString()),
                "users", connections.usersOf(c, conn.id().toString()), "identityProvider", idp, "error", error),
                idp.isEmpty() ? null : idp);
    }

    private void authorize(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            String ref = ctx.pathParam("connection");
            Connection conn = connections.get(c, ref, GrantLevel.MANAGE).connection();
            try {
                switch (conn.settings().auth().method()) {
                    case AUTHORIZATION_CODE -> {
                        ctx.redirect(connections.beginAuthorization(c, ref).toString(), HttpStatus.SEE_OTHER);
                        return;
                    }
                    case STATIC_TOKEN -> connections.storeToken(c, ref, required(ctx, "accessToken"),
                            expiry(ctx.formParam("expiresAt")), optional(ctx, "refreshToken"));
                    default -> connections.authorizeAsApp(c, ref);
                }
                redirect(ctx, conn.name(), "authorized");
            } catch (ApiProblem | SluiceException e) {
                authorizePage(ctx, c, e.getMessage(), e instanceof ApiProblem p ? p.status() : 400);
            }
        });
    }

    private void signOut(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            connections.signOut(c, ctx.pathParam("connection"));
            redirect(ctx, connections.get(c, ctx.pathParam("connection"), GrantLevel.MANAGE).connection().name(),
                    "signed-out");
        });
    }

    private void test(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            String result;
            try {
                var companies = connections.testBusinessCentral(c, ctx.pathParam("connection"));
                if (companies.isPresent()) {
                    String names = String.join(", ", companies.get().stream().map(co -> co.name()).toList());
                    result = "Connected. Business Central companies: " + names + (names.endsWith(".") ? "" : ".");
                } else {
                    WhoAmI who = connections.test(c, ctx.pathParam("connection"));
                    result = "Connected. Dynamics user id " + who.userId() + ", organization " + who.organizationId()
                            + ".";
                }
            } catch (SluiceException e) {
                result = "The test failed: " + e.getMessage();
            }
            if ("true".equals(ctx.header("HX-Request"))) {
                pages.render(ctx, 200, "test-result.jte", Map.of("result", result));
            } else {
                detail(ctx, c, result);
            }
        });
    }

    private void delete(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            connections.delete(c, ctx.pathParam("connection"));
            ctx.redirect("/connections", HttpStatus.SEE_OTHER);
        });
    }

    private static void redirect(Context ctx, String name, String done) {
        ctx.redirect("/connections/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
                + "?done=" + done, HttpStatus.SEE_OTHER);
    }

    private static Secret required(Context ctx, String field) {
        String v = ctx.formParam(field);
        if (v == null || v.isBlank()) {
            throw ApiProblem.badRequest("'" + field + "' is required");
        }
        return Secret.of(v.strip());
    }

    private static Secret optional(Context ctx, String field) {
        String v = ctx.formParam(field);
        return v == null || v.isBlank() ? null : Secret.of(v.strip());
    }

    private static Instant expiry(String v) {
        if (v == null || v.isBlank()) {
            throw ApiProblem.badRequest("'expiresAt' is required: when the access token expires (UTC)");
        }
        try {
            return v.endsWith("Z") ? Instant.parse(v) : LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("'expiresAt' must be a date and time such as 2030-01-01T00:00 (UTC)");
        }
    }
}
