package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.Secret;
import dev.sluice.dataverse.WhoAmI;
import dev.sluice.store.Connection;
import dev.sluice.store.GrantLevel;
import dev.sluice.store.SluiceStore;
import dev.sluice.store.TokenStatus;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/connections}: create, list, edit, delete, authorize, sign out, token status, test. Thread-safe. */
public final class ConnectionApi {
    private final Services s;
    private final SluiceStore store;
    private final ConnectionService connections;

    public ConnectionApi(Services services) {
        this.s = services;
        this.store = services.store();
        this.connections = new ConnectionService(services);
    }

    /** This API's routes. */
    public List<ApiRoute> routes() {
        String one = "/api/v1/connections/{connection}";
        return List.of(
                new ApiRoute(GET, "/api/v1/connections", "signed in", "List the connections you have a grant on", this::list),
                new ApiRoute(POST, "/api/v1/connections", "signed in", "Create a connection (you get manage)", this::create),
                new ApiRoute(GET, one, "view grant", "Show a connection (never its secrets)", this::get),
                new ApiRoute(PUT, one, "manage grant", "Edit a connection; secrets given replace stored ones", this::update),
                new ApiRoute(DELETE, one, "manage grant", "Delete a connection with its secrets and tokens", this::delete),
                new ApiRoute(POST, one + "/authorize", "manage grant",
                        "Authorize: returns the sign-in URL (authorization code), or gets or stores a token", this::authorize),
                new ApiRoute(GET, one + "/token", "view grant", "Token status (metadata only)", this::tokenStatus),
                new ApiRoute(DELETE, one + "/token", "manage grant", "Sign the connection out (delete its tokens)",
                        this::signOut),
                new ApiRoute(POST, one + "/test", "read grant", "Test the connection with WhoAmI", this::test));
    }

    private void list(Context ctx) {
        ArrayNode out = JsonBodies.MAPPER.createArrayNode();
        connections.list(Routes.caller(ctx)).forEach(seen -> out.add(view(seen)));
        JsonBodies.write(ctx, 200, Map.of("value", out));
    }

    private void create(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        Connection c = connections.create(Routes.caller(ctx), ConnectionJson.settings(body, s),
                ConnectionJson.secrets(body));
        ctx.header("Location", "/api/v1/connections/" + c.id());
        JsonBodies.write(ctx, 201, view(connections.get(Routes.caller(ctx), c.id().toString(), GrantLevel.MANAGE)));
    }

    private void get(Context ctx) {
        JsonBodies.write(ctx, 200, view(connections.get(Routes.caller(ctx), ctx.pathParam("connection"),
                GrantLevel.VIEW)));
    }

    private void update(Context ctx) {
        Caller caller = Routes.caller(ctx);
        String ref = ctx.pathParam("connection");
        s.access().require(caller, ref, GrantLevel.MANAGE);
        JsonNode body = JsonBodies.object(ctx);
        Connection updated = connections.update(caller, ref, ConnectionJson.settings(body, s),
                ConnectionJson.secrets(body));
        JsonBodies.write(ctx, 200, view(connections.get(caller, updated.id().toString(), GrantLevel.MANAGE)));
    }

    private void delete(Context ctx) {
        connections.delete(Routes.caller(ctx), ctx.pathParam("connection"));
        ctx.status(204);
    }

    private void authorize(Context ctx) {
        Caller caller = Routes.caller(ctx);
        String ref = ctx.pathParam("connection");
        Connection c = s.access().require(caller, ref, GrantLevel.MANAGE);
        TokenStatus status;
        switch (c.settings().auth().method()) {
            case AUTHORIZATION_CODE -> {
                ObjectNode out = JsonBodies.MAPPER.createObjectNode();
                out.put("authorizationUrl", connections.beginAuthorization(caller, ref).toString());
                JsonBodies.write(ctx, 200, out);
                return;
            }
            case STATIC_TOKEN -> {
                JsonNode body = JsonBodies.object(ctx);
                Instant expires;
                try {
                    expires = Instant.parse(JsonBodies.text(body, "expiresAt"));
                } catch (DateTimeParseException e) {
                    throw ApiProblem.badRequest("expiresAt must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
                }
                String refresh = JsonBodies.optionalText(body, "refreshToken");
                status = connections.storeToken(caller, ref, Secret.of(JsonBodies.text(body, "accessToken")), expires,
                        refresh == null ? null : Secret.of(refresh));
            }
            default -> status = connections.authorizeAsApp(caller, ref);
        }
        JsonBodies.write(ctx, 200, ConnectionJson.tokenStatus(status));
    }

    private void tokenStatus(Context ctx) {
        Connection c = s.access().require(Routes.caller(ctx), ctx.pathParam("connection"), GrantLevel.VIEW);
        JsonBodies.write(ctx, 200, ConnectionJson.tokenStatus(store.tokens().status(c.id())));
    }

    private void signOut(Context ctx) {
        connections.signOut(Routes.caller(ctx), ctx.pathParam("connection"));
        ctx.status(204);
    }

    private void test(Context ctx) {
        var companies = connections.testBusinessCentral(Routes.caller(ctx), ctx.pathParam("connection"));
        if (companies.isPresent()) {
            JsonBodies.write(ctx, 200, Map.of("companies", companies.get().stream().map(co -> Map.of("id",
                    co.id().toString(), "name", co.name())).toList()));
            return;
        }
        WhoAmI who = connections.test(Routes.caller(ctx), ctx.pathParam("connection"));
        JsonBodies.write(ctx, 200, Map.of("userId", who.userId().toString(),
                "businessUnitId", who.businessUnitId().toString(), "organizationId", who.organizationId().toString()));
    }

    private static ObjectNode view(ConnectionService.Seen seen) {
        return ConnectionJson.view(seen.connection(), seen.status(), seen.level(), seen.storedSecrets());
    }
}
