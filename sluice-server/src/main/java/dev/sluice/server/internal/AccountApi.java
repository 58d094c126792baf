package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.store.ApiToken;
import dev.sluice.store.Role;
import dev.sluice.store.SluiceStore;
import dev.sluice.store.TokenScope;
import dev.sluice.store.User;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The session ({@code /api/v1/session}: sign in, sign out, change password), users ({@code /api/v1/users}, admins)
 * and API tokens ({@code /api/v1/tokens}: shown once, hashed at rest, revocable). Thread-safe.
 */
public final class AccountApi {
    private final Services s;
    private final SluiceStore store;

    public AccountApi(Services services) {
        this.s = services;
        this.store = services.store();
    }

    /** This API's routes. */
    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(POST, "/api/v1/session", "public", "Sign in (sets the session cookie; returns the CSRF token)",
                        this::signIn),
                new ApiRoute(GET, "/api/v1/session", "signed in", "Who you are, and your session's CSRF token", this::me),
                new ApiRoute(DELETE, "/api/v1/session", "signed in", "Sign out", this::signOut),
                new ApiRoute(PUT, "/api/v1/session/password", "signed in", "Change your password", this::changePassword),
                new ApiRoute(GET, "/api/v1/users", "admin", "List users", this::listUsers),
                new ApiRoute(POST, "/api/v1/users", "admin", "Create a user", this::createUser),
                new ApiRoute(PATCH, "/api/v1/users/{user}", "admin", "Change a user's role or reset their password",
                        this::changeUser),
                new ApiRoute(DELETE, "/api/v1/users/{user}", "admin", "Delete a user", this::deleteUser),
                new ApiRoute(GET, "/api/v1/tokens", "signed in (tokens: scope tokens)",
                        "List your API tokens (admins: everyone's)", this::listTokens),
                new ApiRoute(POST, "/api/v1/tokens", "signed in (tokens: scope tokens)", "Create an API token (shown "
                        + "once): name, scopes (read, write, manage, admin, tokens; default read write), connections "
                        + "(names; default all), expiresAt or expiresInDays (default 90, at most 366)", this::createToken),
                new ApiRoute(DELETE, "/api/v1/tokens/{token}", "signed in (tokens: scope tokens)",
                        "Revoke an API token and every token it created", this::revokeToken));
    }

    private void signIn(Context ctx) {
        // a page of another site can post a form but not application/json without a CORS preflight (never granted)
        JsonBodies.requireJson(ctx);
        s.authenticator().checkSignInRequest(ctx, false);
        JsonNode body = JsonBodies.object(ctx);
        Caller caller = s.authenticator().signIn(ctx, JsonBodies.optionalText(body, "user"),
                JsonBodies.optionalText(body, "password"));
        ctx.attribute(Caller.ATTRIBUTE, caller);
        JsonBodies.write(ctx, 200, me(caller));
    }

    private void me(Context ctx) {
        JsonBodies.write(ctx, 200, me(Routes.caller(ctx)));
    }

    private static ObjectNode me(Caller caller) {
        ObjectNode n = user(caller.user());
        if (caller.session() != null) {
            n.put("csrfToken", caller.session().csrfToken());
            n.put("sessionExpiresAt", caller.session().expiresAt().toString());
        }
        return n;
    }

    private void signOut(Context ctx) {
        s.authenticator().signOut(ctx, Routes.caller(ctx));
        ctx.status(204);
    }

    private void changePassword(Context ctx) {
        Caller caller = Routes.caller(ctx);
        if (caller.token() != null) {
            throw ApiProblem.forbidden("a password is changed in a signed-in session, not with an API token");
        }
        JsonNode body = JsonBodies.object(ctx);
        String current = JsonBodies.text(body, "currentPassword");
        String next = JsonBodies.text(body, "newPassword");
        if (!Passwords.verify(current, store.users().passwordHash(caller.name()).orElse(null))) {
            throw ApiProblem.forbidden("the current password is wrong");
        }
        if (next.equals(current)) {
            throw ApiProblem.badRequest("the new password must differ from the current one");
        }
        store.users().setPassword(caller.name(), Passwords.hash(next), false, caller.name());
        s.authenticator().endOtherSessions(caller.name(), caller.sessionId(), caller.name(), "password changed");
        ctx.status(204);
    }

    private void listUsers(Context ctx) {
        Access.requireAdmin(Routes.caller(ctx));
        ArrayNode out = JsonBodies.MAPPER.createArrayNode();
        store.users().list().forEach(u -> out.add(user(u)));
        JsonBodies.write(ctx, 200, Map.of("value", out));
    }

    private void createUser(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Access.requireAdmin(caller);
        JsonNode body = JsonBodies.object(ctx);
        String role = JsonBodies.optionalText(body, "role");
        User u = createUser(store, caller, JsonBodies.text(body, "name"),
                role == null ? Role.MEMBER : Role.fromWireName(role), JsonBodies.text(body, "password"),
                body.path("mustChangePassword").asBoolean(true));
        JsonBodies.write(ctx, 201, user(u));
    }

    /** Creates a user (admins only); the API and the users page both come here. */
    static User createUser(SluiceStore store, Caller caller, String name, Role role, String password,
            boolean mustChangePassword) {
        Access.requireAdmin(caller);
        return store.users().create(User.checkName(name), role, Passwords.hash(password), mustChangePassword,
                caller.name());
    }

    private void changeUser(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Access.requireAdmin(caller);
        String name = ctx.pathParam("user");
        JsonNode body = JsonBodies.object(ctx);
        String role = JsonBodies.optionalText(body, "role");
        String password = JsonBodies.optionalText(body, "password");
        if (role == null && password == null) {
            throw ApiProblem.badRequest("give 'role' or 'password' (or both)");
        }
        if (role != null) {
            store.users().setRole(name, Role.fromWireName(role), caller.name());
        }
        if (password != null) {
            store.users().setPassword(name, Passwords.hash(password), true, caller.name());
            s.authenticator().endOtherSessions(name, null, caller.name(), "password reset by an admin");
        }
        JsonBodies.write(ctx, 200, user(store.users().get(name).orElseThrow()));
    }

    private void deleteUser(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Access.requireAdmin(caller);
        String name = ctx.pathParam("user");
        if (name.equals(caller.name())) {
            throw ApiProblem.badRequest("you cannot delete your own account");
        }
        store.users().delete(name, caller.name());
        ctx.status(204);
    }

    private void listTokens(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Access.requireScope(caller, TokenScope.TOKENS, "listing API tokens");
        ArrayNode out = JsonBodies.MAPPER.createArrayNode();
        s.tokens().list(caller).forEach(t -> out.add(token(t)));
        JsonBodies.write(ctx, 200, Map.of("value", out));
    }

    private void createToken(Context ctx) {
        Caller caller = Routes.caller(ctx);
        JsonNode body = JsonBodies.object(ctx);
        List<String> scopes = strings(body, "scopes");
        List<String> connections = strings(body, "connections");
        JsonNode days = body.get("expiresInDays");
        if (days != null && !days.canConvertToInt()) {
            throw ApiProblem.badRequest("field 'expiresInDays' must be a whole number of days");
        }
        ApiTokens.Created created = s.tokens().create(caller, JsonBodies.text(body, "name"),
                scopes == null ? null : String.join(" ", scopes), connections,
                JsonBodies.optionalText(body, "expiresAt"), days == null ? null : days.asInt());
        ObjectNode out = token(created.token());
        out.put("token", created.value().reveal());
        JsonBodies.write(ctx, 201, out);
    }

    private void revokeToken(Context ctx) {
        Caller caller = Routes.caller(ctx);
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("token"));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("a token id is a GUID");
        }
        s.tokens().revoke(caller, id);
        ctx.status(204);
    }

    /** An optional array of strings; a 400 naming the field when it is something else. */
    private static List<String> strings(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw ApiProblem.badRequest("field '" + field + "' must be an array of strings");
        }
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw ApiProblem.badRequest("field '" + field + "' must be an array of strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    static ObjectNode user(User u) {
        ObjectNode n = JsonBodies.MAPPER.createObjectNode();
        n.put("name", u.name());
        n.put("role", u.role().wireName());
        n.put("mustChangePassword", u.mustChangePassword());
        n.put("createdAt", u.createdAt().toString());
        return n;
    }

    private ObjectNode token(ApiToken t) {
        ObjectNode n = JsonBodies.MAPPER.createObjectNode();
        n.put("id", t.id().toString());
        n.put("user", t.user());
        n.put("name", t.name());
        ArrayNode scopes = n.putArray("scopes");
        t.scopes().stream().sorted().forEach(sc -> scopes.add(sc.wireName()));
        ArrayNode connections = n.putArray("connections");
        s.tokens().connectionNames(t).forEach(connections::add);
        n.put("expiresAt", t.expiresAt() == null ? null : t.expiresAt().toString());
        n.put("createdBy", t.parentId() == null ? null : t.parentId().toString());
        n.put("createdAt", t.createdAt().toString());
        n.put("lastUsedAt", t.lastUsedAt() == null ? null : t.lastUsedAt().toString());
        n.put("revokedAt", t.revokedAt() == null ? null : t.revokedAt().toString());
        n.put("active", t.activeAt(s.clock().instant()));
        return n;
    }
}
