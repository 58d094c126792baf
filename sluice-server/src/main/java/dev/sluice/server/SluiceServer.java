package dev.sluice.server;

import dev.sluice.auth.ConnectionAuthorizer;
import dev.sluice.auth.ConnectionCredentials;
import dev.sluice.core.OutboundHost;
import dev.sluice.core.OutboundHttp;
import dev.sluice.server.internal.Access;
import dev.sluice.server.internal.AccountApi;
import dev.sluice.server.internal.AdminPages;
import dev.sluice.server.internal.DatabaseAdmin;
import dev.sluice.server.internal.ApiRoute;
import dev.sluice.server.internal.Authenticator;
import dev.sluice.server.internal.CallbackHandler;
import dev.sluice.server.internal.ConnectionApi;
import dev.sluice.server.internal.ConnectionPages;
import dev.sluice.server.internal.DataApi;
import dev.sluice.server.internal.DataPages;
import dev.sluice.server.internal.FetchXmlApi;
import dev.sluice.server.internal.FetchXmlPages;
import dev.sluice.server.internal.DataverseClients;
import dev.sluice.server.internal.FirstStart;
import dev.sluice.server.internal.FlowApi;
import dev.sluice.server.internal.FlowCatalog;
import dev.sluice.server.internal.FlowPages;
import dev.sluice.server.internal.FlowService;
import dev.sluice.server.internal.GrantApi;
import dev.sluice.server.internal.ImportApi;
import dev.sluice.server.internal.JsonBodies;
import dev.sluice.server.internal.LocalNode;
import dev.sluice.server.internal.NodeApi;
import dev.sluice.server.internal.NodePages;
import dev.sluice.server.internal.OpenApiDocument;
import dev.sluice.server.internal.OutboundAdmin;
import dev.sluice.server.internal.Pages;
import dev.sluice.server.internal.Routes;
import dev.sluice.server.internal.ServerMetrics;
import dev.sluice.server.internal.Services;
import dev.sluice.server.internal.SignInThrottle;
import dev.sluice.server.internal.SystemApi;
import dev.sluice.server.internal.TokenPages;
import dev.sluice.server.internal.WebUi;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sluice server: web UI, REST API ({@code /api/v1}), OAuth callback, health and metrics, over one
 * {@link dev.sluice.store.SluiceStore}. Built by {@link SluiceServerBuilder}; {@link #start()} binds, {@link #close()}
 * stops (the store stays open: its owner closes it). Thread-safe.
 */
public final class SluiceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceServer.class);

    private final SluiceServerBuilder settings;
    private final Services services;
    private final List<ApiRoute> routes;
    private final FlowService flows;
    private final SystemApi system;
    private final LocalNode node;
    private Javalin app;
    private Javalin management;

    SluiceServer(SluiceServerBuilder b) {
        this.settings = b;
        // the outbound allowlist: Microsoft's hosts, the store's (admins edit it), and this process's own settings
        List<OutboundHost> extra = List.copyOf(b.allowedOutbound);
        OutboundHttp outbound = OutboundHttp.builder()
                .policy(() -> b.store.outboundHosts().policy().with(extra)).proxy(b.outboundProxy)
                .trust(b.outboundTrust).build();
        ConnectionCredentials credentials = new ConnectionCredentials(b.store, b.clock, outbound);
        URI base = b.publicBaseUrl();
        this.node = new LocalNode(b.store.nodes(), b.clock, b.nodeName(), b.version(), b.store.schemaVersion(),
                base.toString(), b.maxRuns, b.leaseTime);
        ServerMetrics metrics = new ServerMetrics(b.metricsConnectionNames, node.name());
        String origin = base.getScheme() + "://" + base.getRawAuthority();
        this.services = new Services(b.store, b.clock, credentials, new ConnectionAuthorizer(credentials),
                new Access(b.store), new Authenticator(b.store, new SignInThrottle(b.store.signInFailures(), b.clock),
                        b.secureCookies(), origin),
                new DataverseClients(credentials, metrics, b.clock, outbound), metrics, base, outbound, b.bodyLimits);
        this.system = new SystemApi(services, b.metricsToken, b.managementPort == null, node);
        Pages pages = new Pages();
        this.flows = new FlowService(services, new FlowCatalog(b.flowsFolder, b.store.flowDefinitions()),
                b.schedulerPolling, node);
        List<ApiRoute> all = new ArrayList<>();
        all.addAll(new AccountApi(services).routes());
        all.addAll(new ConnectionApi(services).routes());
        all.addAll(new GrantApi(services).routes());
        all.addAll(new DataApi(services).routes());
        all.addAll(new ImportApi(services).routes());
        all.addAll(new FetchXmlApi(services).routes());
        all.addAll(new FlowApi(flows).routes());
        all.addAll(system.routes());
        all.addAll(new CallbackHandler(services, pages).routes());
        all.addAll(new WebUi(services, pages).routes());
        all.addAll(new ConnectionPages(services, pages).routes());
        all.addAll(new DataPages(services, pages).routes());
        all.addAll(new FetchXmlPages(services, pages).routes());
        all.addAll(new AdminPages(services, pages).routes());
        all.addAll(new FlowPages(services, pages, flows).routes());
        all.addAll(new TokenPages(services, pages).routes());
        all.addAll(new OutboundAdmin(services, pages).routes());
        all.addAll(new DatabaseAdmin(services, pages).routes());
        all.addAll(new dev.sluice.server.internal.design.DesignerPages(services, pages, flows).routes());
        all.addAll(new dev.sluice.server.internal.design.FlowVersionPages(services, pages, flows).routes());
        all.addAll(new NodeApi(services, node).routes());
        all.addAll(new NodePages(services, pages, node).routes());
        all.addAll(new dev.sluice.server.internal.ConnectionProxyApi(services, pages).routes());
        List<ApiRoute> documented = List.copyOf(all);
        all.add(new ApiRoute(HandlerType.GET, "/api/v1/openapi.json", "public", "This OpenAPI document",
                ctx -> JsonBodies.write(ctx, 200, OpenApiDocument.of(documentedWithSelf(documented)))));
        this.routes = List.copyOf(all);
    }

    private static List<ApiRoute> documentedWithSelf(List<ApiRoute> routes) {
        List<ApiRoute> out = new ArrayList<>(routes);
        out.add(new ApiRoute(HandlerType.GET, "/api/v1/openapi.json", "public", "This OpenAPI document", ctx -> { }));
        return out;
    }

    /** A builder; the store is required. */
    public static SluiceServerBuilder builder() {
        return new SluiceServerBuilder();
    }

    /** Creates the first admin if needed, binds and starts serving. */
    public synchronized SluiceServer start() {
        if (app != null) {
            throw new IllegalStateException("the server is already started");
        }
        FirstStart.run(settings.store, settings.adminPassword, settings.out);
        warnIfExposed();
        node.start();
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = settings.host;
            config.jetty.port = settings.port;
            if (settings.tls != null) {
                config.jetty.addConnector((server, http) -> TlsConnector.create(server, http, settings.tls,
                        settings.host, settings.port));
            }
            if (settings.secureCookies()) {
                // RFC 6797: browsers that reached us over https keep to https (a year, as browsers' preload lists ask)
                config.routes.before(ctx -> ctx.header("Strict-Transport-Security", "max-age=31536000"));
            }
            config.staticFiles.enableWebjars();
            config.staticFiles.add(s -> {
                s.hostedPath = "/static";
                s.directory = "/static";
                s.location = Location.CLASSPATH;
            });
            Routes.register(config, routes, services);
        }).start();
        if (settings.managementPort != null) {
            management = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.jetty.host = "127.0.0.1";
                config.jetty.port = settings.managementPort;
                Routes.register(config, system.managementRoutes(), services);
            }).start();
            LOG.info("management port bound=127.0.0.1:{} serves=/metrics,/health", management.port());
        }
        flows.start();
        LOG.info("server started url={} bound={}:{}", services.publicBaseUrl(), settings.host, app.port());
        return this;
    }

    private void warnIfExposed() {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(settings.host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            // a host that does not resolve is not loopback
            loopback = false;
        }
        if (!loopback && !settings.secureCookies() && !settings.trustedProxy) {
            String warning = "WARNING: listening on " + settings.host + " beyond loopback without TLS or a trusted "
                    + "proxy: passwords and session cookies would cross the network in clear. Put a TLS-terminating "
                    + "proxy in front and pass --public-url https://… (and --trusted-proxy), or bind 127.0.0.1.";
            LOG.warn(warning);
            settings.out.println(warning);
        }
    }

    /** The port listened on (after {@link #start()}). */
    public int port() {
        return app.port();
    }

    /** The management port ({@code /metrics}, {@code /health} on 127.0.0.1), or -1 when there is none. */
    public int managementPort() {
        return management == null ? -1 : management.port();
    }

    /** The URL people reach the server at. */
    public URI publicUrl() {
        return services.publicBaseUrl();
    }

    /** Every route the server answers, as registered (for documentation and tests). */
    public List<String> routeTable() {
        return routes.stream().map(r -> r.method().name() + " " + r.path()).toList();
    }

    /** This server's name in the cluster of servers sharing its store. */
    public String nodeName() {
        return node.name();
    }

    /**
     * Drains and stops: takes no new flow runs, gives the runs it holds back at their next chunk boundary (checkpoints
     * saved) for the other nodes to go on with, answers {@code /health/ready} with 503 meanwhile, then stops serving.
     */
    @Override
    public synchronized void close() {
        if (app != null) {
            flows.stop();
            node.stop();
            app.stop();
            app = null;
        }
        if (management != null) {
            management.stop();
            management = null;
        }
    }
}
