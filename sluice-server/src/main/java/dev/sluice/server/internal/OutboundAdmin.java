package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.OutboundHost;
import dev.sluice.core.OutboundPolicy;
import dev.sluice.core.SluiceException;
import dev.sluice.store.Connection;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The outbound allowlist for admins: {@code /api/v1/outbound-hosts} and the {@code /outbound} page. Microsoft's
 * hosts are always on it; admins add and remove others (stored, audited, shared by every node); hosts given to this
 * server at start are shown too. Members cannot change it. Thread-safe.
 */
public final class OutboundAdmin {
    private final Services s;
    private final PageGuard guard;

    public OutboundAdmin(Services services, Pages pages) {
        this.s = services;
        this.guard = new PageGuard(services, pages);
    }

    /** The routes. */
    public List<ApiRoute> routes() {
        String one = "/api/v1/outbound-hosts/{host}";
        return List.of(
                new ApiRoute(GET, "/api/v1/outbound-hosts", "admin", "The outbound allowlist: Microsoft's hosts, "
                        + "those admins added, those this server was started with", this::list),
                new ApiRoute(PUT, one, "admin", "Allow outbound requests to a host (body: privateAddresses)",
                        this::put),
                new ApiRoute(DELETE, one, "admin", "Take a host off the outbound allowlist", this::delete),
                new ApiRoute(GET, "/outbound", "public", "Outbound hosts page", this::page),
                new ApiRoute(POST, "/outbound", "public", "Allow an outbound host (form)", this::add),
                new ApiRoute(POST, "/outbound/remove", "public", "Remove an outbound host (form)", this::remove));
    }

    private void list(Context ctx) {
        Access.requireAdmin(Routes.caller(ctx));
        ObjectNode out = JsonBodies.MAPPER.createObjectNode();
        hosts(out.putArray("microsoft"), OutboundPolicy.MICROSOFT);
        hosts(out.putArray("stored"), s.store().outboundHosts().list());
        hosts(out.putArray("server"), process());
        JsonBodies.write(ctx, 200, out);
    }

    private void put(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Access.requireAdmin(caller);
        boolean allowPrivate = false;
        if (ctx.req().getContentLengthLong() > 0) {
            JsonNode body = JsonBodies.object(ctx);
            JsonNode p = body.get("privateAddresses");
            if (p != null && !p.isBoolean()) {
                throw ApiProblem.badRequest("field 'privateAddresses' must be true or false");
            }
            allowPrivate = p != null && p.booleanValue();
        }
        OutboundHost h = s.store().outboundHosts().add(OutboundHost.parse(ctx.pathParam("host"), allowPrivate),
                caller.name());
        JsonBodies.write(ctx, 200, Map.of("host", h.wireName(), "privateAddresses", h.privateAddresses()));
    }

    private void delete(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Access.requireAdmin(caller);
        s.store().outboundHosts().remove(ctx.pathParam("host"), caller.name());
        ctx.status(204);
    }

    private void page(Context ctx) throws Exception {
        guard.run(ctx, c -> render(ctx, c, "", 200));
    }

    private void add(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            Access.requireAdmin(c);
            try {
                s.store().outboundHosts().add(OutboundHost.parse(ctx.formParam("host"),
                        "on".equals(ctx.formParam("privateAddresses"))), c.name());
                ctx.redirect("/outbound", HttpStatus.SEE_OTHER);
            } catch (SluiceException e) {
                render(ctx, c, e.getMessage(), 400);
            }
        });
    }

    private void remove(Context ctx) throws Exception {
        guard.run(ctx, c -> {
            Access.requireAdmin(c);
            s.store().outboundHosts().remove(String.valueOf(ctx.formParam("host")), c.name());
            ctx.redirect("/outbound", HttpStatus.SEE_OTHER);
        });
    }

    private void render(Context ctx, Caller c, String error, int status) {
        render(s, guard, ctx, c, error, status);
    }

    /** The outbound page: allowlist, the server's proxy and CAs, connections' own proxies; {@code error} on top. */
    static void render(Services s, PageGuard guard, Context ctx, Caller c, String error, int status) {
        Access.requireAdmin(c);
        List<String[]> proxies = new ArrayList<>();
        for (Connection conn : s.store().connections().list()) {
            s.store().connectionProxies().get(conn.id()).ifPresent(p -> proxies.add(new String[] {conn.name(),
                    p.address(), p.user() == null ? "" : p.user()}));
        }
        Map<String, Object> model = new java.util.HashMap<>();
        model.put("defaults", OutboundPolicy.MICROSOFT);
        model.put("stored", s.store().outboundHosts().list());
        model.put("process", process(s));
        model.put("error", error);
        model.put("route", route(s.outbound()));
        model.put("proxies", proxies);
        model.put("connections", s.store().connections().list().stream().map(Connection::name).toList());
        guard.render(ctx, c, "outbound.jte", model);
        ctx.status(status);
    }

    /** How this server's requests go out: its proxy per scheme, the hosts that go direct, the CAs it trusts. */
    static List<String> route(dev.sluice.core.OutboundHttp outbound) {
        dev.sluice.core.ProxySettings p = outbound.proxy();
        List<String> out = new ArrayList<>();
        out.add("https: " + (p == null || p.https() == null ? "direct" : "through " + p.https()));
        out.add("http (loopback only): " + (p == null || p.http() == null ? "direct" : "through " + p.http()));
        if (p != null && !p.noProxy().isEmpty()) {
            out.add("direct for: " + String.join(", ", p.noProxy()));
        }
        out.add("trusted CAs: Java's" + (outbound.trust() == null ? "" : " and " + outbound.trust().certificates().size()
                + " from " + outbound.trust().source()));
        return out;
    }

    /** Hosts this server was started with (not stored). */
    private List<OutboundHost> process() {
        return process(s);
    }

    private static List<OutboundHost> process(Services s) {
        List<OutboundHost> all = new ArrayList<>(s.outbound().policy().allowed());
        all.removeAll(OutboundPolicy.MICROSOFT);
        all.removeAll(s.store().outboundHosts().list());
        return all;
    }

    private static void hosts(ArrayNode out, List<OutboundHost> hosts) {
        hosts.forEach(h -> out.addObject().put("host", h.wireName()).put("privateAddresses", h.privateAddresses()));
    }
}
