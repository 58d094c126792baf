package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionProxy;
import dev.sluice.store.GrantLevel;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connection's own HTTP proxy, for admins only (the proxy is where a connection's tokens and data travel; members
 * cannot point it elsewhere): {@code /api/v1/connections/{name}/proxy} and the form on the outbound page. The
 * password is write-only and stored encrypted, bound to the proxy's address. Thread-safe.
 */
public final class ConnectionProxyApi {
    private final Services s;
    private final PageGuard guard;

    public ConnectionProxyApi(Services services, Pages pages) {
        this.s = services;
        this.guard = new PageGuard(services, pages);
    }

    /** The routes. */
    public List<ApiRoute> routes() {
        String path = "/api/v1/connections/{name}/proxy";
        return List.of(
                new ApiRoute(GET, path, "admin", "The connection's own HTTP proxy (or none: the server's)", this::get),
                new ApiRoute(PUT, path, "admin", "Set the connection's own HTTP proxy (body: url or \"direct\", user, "
                        + "password; the password is stored encrypted, never returned)", this::put),
                new ApiRoute(DELETE, path, "admin", "Remove the connection's own proxy (it uses the server's again)",
                        this::delete),
                new ApiRoute(POST, "/outbound/proxy", "public", "Set a connection's own proxy (form)", this::setForm),
                new ApiRoute(POST, "/outbound/proxy/remove", "public", "Remove a connection's own proxy (form)",
                        this::removeForm));
    }

    private Connection connection(Context ctx, Caller caller) {
        Access.requireAdmin(caller);
        return s.access().require(caller, ctx.pathParam("name"), GrantLevel.MANAGE);
    }

    private void get(Context ctx) {
        Connection c = connection(ctx, Routes.caller(ctx));
        JsonBodies.write(ctx, 200, body(c));
    }

    private void put(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Connection c = connection(ctx, caller);
        JsonNode body = JsonBodies.object(ctx);
        String url = JsonBodies.text(body, "url");
        String user = JsonBodies.optionalText(body, "user");
        String password = JsonBodies.optionalText(body, "password");
        try {
            set(c, url, user, password, caller);
        } catch (SluiceException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        JsonBodies.write(ctx, 200, body(s.store().connections().get(c.id()).orElseThrow()));
    }

    private void delete(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Connection c = connection(ctx, caller);
        s.store().connectionProxies().remove(c.id(), caller.name());
        s.clients().forget(c);
        ctx.status(204);
    }

    private void set(Connection c, String url, String user, String password, Caller caller) {
        ConnectionProxy proxy = ConnectionProxy.of(url, user);
        if (password != null && !password.isEmpty() && proxy.user() == null) {
            throw new SluiceException(dev.sluice.core.ErrorKind.INVALID_INPUT, "a proxy password needs a proxy user");
        }
        s.store().connectionProxies().set(c.id(), proxy, password == null || password.isEmpty() ? null
                : Secret.of(password), caller.name());
        s.clients().forget(c);
    }

    private Map<String, Object> body(Connection c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("connection", c.name());
        Optional<ConnectionProxy> p = s.store().connectionProxies().get(c.id());
        out.put("url", p.map(ConnectionProxy::address).orElse(null));
        out.put("user", p.map(ConnectionProxy::user).orElse(null));
        out.put("passwordStored", p.isPresent() && s.store().secrets().list(c.id())
                .contains(ConnectionProxy.PASSWORD_SECRET));
        return out;
    }

    private void setForm(Context ctx) throws Exception {
        guard.run(ctx, caller -> {
            Access.requireAdmin(caller);
            try {
                Connection c = s.access().require(caller, String.valueOf(ctx.formParam("connection")),
                        GrantLevel.MANAGE);
                set(c, ctx.formParam("url"), ctx.formParam("user"), ctx.formParam("password"), caller);
                ctx.redirect("/outbound", HttpStatus.SEE_OTHER);
            } catch (SluiceException | ApiProblem e) {
                OutboundAdmin.render(s, guard, ctx, caller, e.getMessage(), 400);
            }
        });
    }

    private void removeForm(Context ctx) throws Exception {
        guard.run(ctx, caller -> {
            Access.requireAdmin(caller);
            Connection c = s.access().require(caller, String.valueOf(ctx.formParam("connection")), GrantLevel.MANAGE);
            s.store().connectionProxies().remove(c.id(), caller.name());
            s.clients().forget(c);
            ctx.redirect("/outbound", HttpStatus.SEE_OTHER);
        });
    }
}
