package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.sluice.store.Connection;
import dev.sluice.store.GrantLevel;
import dev.sluice.store.TokenStatus;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The web UI's pages (jte + htmx): sign-in, change password, connections with their state, sign out. Pages check
 * grants exactly as the API does; forms carry the session's CSRF token. Redirects go only to fixed local paths.
 * Thread-safe.
 */
public final class WebUi {
    private final Services s;
    private final Pages pages;
    private final PageGuard guard;

    public WebUi(Services services, Pages pages) {
        this.s = services;
        this.pages = pages;
        this.guard = new PageGuard(services, pages);
    }

    /** The UI's routes. */
    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(GET, "/", "public", "Home", ctx -> ctx.redirect("/connections")),
                new ApiRoute(GET, "/signin", "public", "Sign-in page", this::signInPage),
                new ApiRoute(POST, "/signin", "public", "Sign in", this::signIn),
                new ApiRoute(POST, "/signout", "public", "Sign out", this::signOut),
                new ApiRoute(GET, "/password", "public", "Change password page", ctx -> page(ctx, c ->
                        pages.render(ctx, 200, "password.jte", Map.of("caller", c, "error", "")))),
                new ApiRoute(POST, "/password", "public", "Change password", this::changePassword),
                new ApiRoute(GET, "/connections", "public", "Connections", this::connections));
    }

    /** Runs {@code body} for a signed-in browser user; else sends them to the sign-in page. */
    private void page(Context ctx, PageGuard.Body body) throws Exception {
        guard.run(ctx, body);
    }

    private void signInPage(Context ctx) {
        signInPage(ctx, 200, "");
    }

    private void signInPage(Context ctx, int status, String error) {
        pages.render(ctx, status, "signin.jte", Map.of("error", error,
                "csrf", s.authenticator().beginSignInForm(ctx)));
    }

    private void signIn(Context ctx) {
        try {
            s.authenticator().checkSignInRequest(ctx, true);
            s.authenticator().signIn(ctx, ctx.formParam("user"), ctx.formParam("password"));
            ctx.redirect("/connections");
        } catch (ApiProblem p) {
            signInPage(ctx, p.status(), p.getMessage());
        }
    }

    private void signOut(Context ctx) throws Exception {
        page(ctx, c -> {
            s.authenticator().signOut(ctx, c);
            ctx.redirect("/signin");
        });
    }

    private void changePassword(Context ctx) throws Exception {
        page(ctx, c -> {
            String current = ctx.formParam("currentPassword");
            String next = ctx.formParam("newPassword");
            try {
                if (!Passwords.verify(current, s.store().users().passwordHash(c.name()).orElse(null))) {
                    throw ApiProblem.badRequest("the current password is wrong");
                }
                if (next == null || next.equals(current)) {
                    throw ApiProblem.badRequest("choose a new password that differs from the current one");
                }
                s.store().users().setPassword(c.name(), Passwords.hash(next), false, c.name());
                s.authenticator().endOtherSessions(c.name(), c.sessionId(), c.name(), "password changed");
                ctx.redirect("/connections");
            } catch (ApiProblem p) {
                pages.render(ctx, 400, "password.jte", Map.of("caller", c, "error", p.getMessage()));
            }
        });
    }

    private void connections(Context ctx) throws Exception {
        page(ctx, c -> {
            List<ConnectionRow> rows = new ArrayList<>();
            for (Connection conn : s.store().connections().list()) {
                s.access().level(c, conn).ifPresent(level -> rows.add(new ConnectionRow(conn,
                        s.store().tokens().status(conn.id()), level)));
            }
            pages.render(ctx, 200, "connections.jte", Map.of("caller", c, "rows", rows));
        });
    }

    /**
     * One line of the connections list. Immutable.
     *
     * @param connection the connection
     * @param status its token status
     * @param level the viewer's grant
     */
    public record ConnectionRow(Connection connection, TokenStatus status, GrantLevel level) {}
}
