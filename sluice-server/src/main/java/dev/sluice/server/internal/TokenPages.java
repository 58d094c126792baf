package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.sluice.core.SluiceException;
import dev.sluice.store.ApiToken;
import dev.sluice.store.TokenScope;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The API tokens page ({@code /tokens}): your tokens (admins: everyone's) with scopes, connections, expiry and last
 * use; create one (shown once) and revoke. Through {@link ApiTokens}, like the REST API. Thread-safe.
 */
public final class TokenPages {
    private final Services s;
    private final PageGuard guard;

    public TokenPages(Services services, Pages pages) {
        this.s = services;
        this.guard = new PageGuard(services, pages);
    }

    /**
     * One line of the list. Immutable.
     *
     * @param token the token
     * @param scopes its scopes, as shown
     * @param connections the connections it is limited to, or "all"
     * @param state active, expired or revoked
     */
    public record Row(ApiToken token, String scopes, String connections, String state) {}

    /** The routes. */
    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(GET, "/tokens", "public", "API tokens page", this::page),
                new ApiRoute(POST, "/tokens", "public", "Create an API token (form)", this::create),
                new ApiRoute(POST, "/tokens/{token}/revoke", "public", "Revoke an API token (form)", this::revoke));
    }

    private void page(Context ctx) throws Exception {
        guard.run(ctx, c -> render(ctx, c, "", "", 200));
    }

    private void create(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            try {
                String days = ctx.formParam("expiresInDays");
                Integer n;
                try {
                    n = days == null || days.isBlank() ? null : Integer.valueOf(days.strip());
                } catch (NumberFormatException e) {
                    throw ApiProblem.badRequest("'expires after' must be a whole number of days, got '" + days + "'");
                }
                ApiTokens.Created created = s.tokens().create(c, ctx.formParam("name"),
                        String.join(" ", ctx.formParams("scope")), ctx.formParams("connection"), null, n);
                render(ctx, c, created.value().reveal(), "", 201);
            } catch (ApiProblem | SluiceException e) {
                render(ctx, c, "", e.getMessage(), e instanceof ApiProblem p ? p.status() : 400);
            }
        });
    }

    private void revoke(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            UUID id;
            try {
                id = UUID.fromString(ctx.pathParam("token"));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("a token id is a GUID");
            }
            s.tokens().revoke(c, id);
            ctx.redirect("/tokens", HttpStatus.SEE_OTHER);
        });
    }

    private void render(Context ctx, Caller c, String created, String error, int status) {
        ApiTokens tokens = s.tokens();
        java.time.Instant now = s.clock().instant();
        List<Row> rows = tokens.list(c).stream().map(t -> new Row(t, TokenScope.join(t.scopes()),
                t.connections().isEmpty() ? "all" : String.join(", ", tokens.connectionNames(t)),
                t.revokedAt() != null ? "revoked" : t.activeAt(now) ? "active" : "expired")).toList();
        List<String> connections = new ConnectionService(s).list(c).stream().map(seen -> seen.connection().name())
                .toList();
        guard.render(ctx, c, "tokens.jte", Map.of("tokens", rows, "connections", connections, "created", created,
                "error", error));
        ctx.status(status);
    }
}
