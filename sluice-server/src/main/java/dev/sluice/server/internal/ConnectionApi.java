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
import dev.sluice.store.AuditAction;
import dev.sluice.store.AuthMethod;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionSettings;
import dev.sluice.store.GrantLevel;
import dev.sluice.store.SluiceStore;
import dev.sluice.store.TokenStatus;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/connections}: create, list, edit, delete, authorize, sign out, token status, test. Thread-safe. */
public final class ConnectionApi {
    private final Services s;
    private final SluiceStore store;

    public ConnectionApi(Services services) {
        this.s = services;
        this.store = services.store();
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
        Caller caller = Routes.caller(ctx);
        ArrayNode out = JsonBodies.MAPPER.createArrayNode();
        for (Connection c : store.connections().list()) {
            s.access().level(caller, c).ifPresent(level -> out.add(view(c, level)));
        }
        JsonBodies.write(ctx, 200, Map.of("value", out));
    }

    private void create(Context ctx) {
        Caller caller = Routes.caller(ctx);
        JsonNode body = JsonBodies.object(ctx);
        ConnectionSettings settings = ConnectionJson.settings(body, s);
        Map<String, Secret> secrets = ConnectionJson.secrets(body);
        Connection c = store.connections().create(settings, caller.name());
        secrets.forEach((name, value) -> store.secrets().put(c.id(), name, value, caller.name()));
        store.grants().put(c, caller.name(), GrantLevel.MANAGE, caller.name());
        ctx.header("Location", "/api/v1/connections/" + c.id());
        JsonBodies.write(ctx, 201, view(c, GrantLevel.MANAGE));
    }

    private void get(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Connection c = s.access().require(caller, ctx.pathParam("connection"), GrantLevel.VIEW);
        JsonBodies.write(ctx, 200, view(c, s.access().level(caller, c).orElseThrow()));
    }

    private void update(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Connection c = s.access().require(caller, ctx.pathParam("connection"), GrantLevel.MANAGE);
        JsonNode body = JsonBodies.object(ctx);
        ConnectionSettings settings = ConnectionJson.settings(body, s);
        Map<String, Secret> secrets = ConnectionJson.secrets(body);
        Connection updated = store.connections().update(c.id(), settings, caller.name());
        secrets.forEach((name, value) -> store.secrets().put(c.id(), name, value, caller.name()));
        s.clients().forget(c);
        JsonBodies.write(ctx, 200, view(updated, GrantLevel.MANAGE));
    }

    private void delete(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Connection c = s.access().require(caller, ctx.pathParam("connection"), GrantLevel.MANAGE);
        store.connections().delete(c.id(), caller.name());
        s.clients().forget(c);
        ctx.status(204);
    }

    private void authorize(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Connection c = s.access().require(caller, ctx.pathParam("connection"), GrantLevel.MANAGE);
        AuthMethod method = c.settings().auth().method();
        ObjectNode out = JsonBodies.MAPPER.createObjectNode();
        switch (method) {
            case AUTHORIZATION_CODE -> {
                out.put("authorizationUrl", begin(c, caller).toString());
                JsonBodies.write(ctx, 200, out);
                return;
            }
            case CLIENT_SECRET, CLIENT_CERTIFICATE -> s.authorizer().authorizeClientCredentials(c, caller.name());
            case STATIC_TOKEN -> {
                JsonNode body = JsonBodies.object(ctx);
                Instant expires;
                try {
                    expires = Instant.parse(JsonBodies.text(body, "expiresAt"));
                } catch (DateTimeParseException e) {
                    throw ApiProblem.badRequest("expiresAt must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
                }
                String refresh = JsonBodies.optionalText(body, "refreshToken");
                s.authorizer().storeToken(c, caller.name(), Secret.of(JsonBodies.text(body, "accessToken")), expires,
                        refresh == null ? null : Secret.of(refresh));
            }
            case DEVICE_CODE -> throw ApiProblem.badRequest("connection '" + c.name() + "' uses device-code sign-in, "
                    + "which needs a terminal: run 'sluice auth login " + c.name() + "' on this machine");
        }
        s.clients().forget(c);
        JsonBodies.write(ctx, 200, ConnectionJson.tokenStatus(store.tokens().status(c.id())));
    }

    /** Starts a server-callback sign-in bound to the caller; the URL goes to the identity provider only. */
    URI begin(Connection c, Caller caller) {
        URI redirect = c.settings().auth().redirectUri();
        if (redirect == null || !s.isOwnCallback(redirect)) {
            throw ApiProblem.badRequest("connection '" + c.name() + "' does not come back to this server after "
                    + "sign-in; edit it and set callback mode 'server' (redirect URI " + s.defaultRedirectUri() + ")");
        }
        return s.authorizer().begin(c, caller.name(), redirect);
    }

    private void tokenStatus(Context ctx) {
        Connection c = s.access().require(Routes.caller(ctx), ctx.pathParam("connection"), GrantLevel.VIEW);
        JsonBodies.write(ctx, 200, ConnectionJson.tokenStatus(store.tokens().status(c.id())));
    }

    private void signOut(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Connection c = s.access().require(caller, ctx.pathParam("connection"), GrantLevel.MANAGE);
        s.authorizer().signOut(c, caller.name());
        s.clients().forget(c);
        ctx.status(204);
    }

    private void test(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Connection c = s.access().require(caller, ctx.pathParam("connection"), GrantLevel.READ);
        WhoAmI who = s.clients().client(c).whoAmI();
        store.audit().append(caller.name(), AuditAction.CONNECTION_TESTED, c.id(), c.name(), "WhoAmI succeeded");
        JsonBodies.write(ctx, 200, Map.of("userId", who.userId().toString(),
                "businessUnitId", who.businessUnitId().toString(), "organizationId", who.organizationId().toString()));
    }

    ObjectNode view(Connection c, GrantLevel level) {
        TokenStatus status = store.tokens().status(c.id());
        List<String> secrets = level == GrantLevel.MANAGE ? store.secrets().list(c.id()) : List.of();
        return ConnectionJson.view(c, status, level, secrets);
    }
}
