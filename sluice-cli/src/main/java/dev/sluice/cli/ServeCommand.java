package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.ProxySettings;
import dev.sluice.core.ServerTls;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TrustBundle;
import dev.sluice.server.SluiceServer;
import dev.sluice.server.SluiceServerBuilder;
import dev.sluice.store.SluiceStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sluice serve}: runs the Sluice server (web UI and REST API) until stopped. Every flag has a setting in
 * {@code sluice.yaml} and a {@code SLUICE_…} variable; a flag given wins over both.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the Sluice server: web UI, REST API (/api/v1), OAuth callback, health and metrics.",
        footer = {"", "On first start an 'admin' user is created with a one-time password, printed once",
            "(or taken from SLUICE_ADMIN_PASSWORD); it must be changed at first sign-in.", "",
            "Every option can also be set in sluice.yaml (SLUICE_CONFIG, else SLUICE_HOME/sluice.yaml) or by a",
            "SLUICE_… environment variable (--port: server.port, SLUICE_SERVER_PORT); see sluice config check.",
            "Outbound requests use HTTPS_PROXY/NO_PROXY (or outbound.proxy) and trust outbound.ca besides Java's CAs.",
            "", "Examples:",
            "  sluice serve",
            "  sluice serve --host 0.0.0.0 --port 8443 --tls-cert /etc/sluice/tls/fullchain.pem \\",
            "      --tls-key /etc/sluice/tls/privkey.pem --public-url https://sluice.example.com:8443",
            "  sluice serve --host 0.0.0.0 --public-url https://sluice.example.com --trusted-proxy",
            "  sluice serve --allow-host 127.0.0.1:7070          # reach the emulator on this machine",
            "  SLUICE_METRICS_TOKEN=… sluice serve",
            "  sluice serve --store-url jdbc:postgresql://db:5432/sluice --node-name node-a --max-runs 4 \\",
            "      --lease-time 30s                              # one node of several on one PostgreSQL"})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", description = "Bind address (default: 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "Port (default: 8080).")
    Integer port;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The URL people reach the server at (base of OAuth redirect URIs); https marks cookies Secure.")
    URI publicUrl;

    @Option(names = "--trusted-proxy", description = "A TLS-terminating reverse proxy is in front.")
    Boolean trustedProxy;

    @Mixin
    TlsFiles tls;

    @Option(names = "--flows", paramLabel = "DIR",
            description = "A folder of flow files (*.yaml) to show, run and schedule besides uploaded flows.")
    Path flows;

    @Option(names = "--allow-host", paramLabel = "HOST[:PORT]",
            description = "Also allow outbound requests to this host (not stored; admins add stored ones on the "
                    + "Outbound hosts page). An IP address or localhost allows that private address. Repeatable.")
    List<String> allowHosts;

    @Option(names = "--metrics-token-env", paramLabel = "VAR",
            description = "Environment variable holding the bearer token a scraper sends to /metrics "
                    + "(default: SLUICE_METRICS_TOKEN, metrics.token).")
    String metricsTokenEnv;

    @Option(names = "--management-port", paramLabel = "PORT",
            description = "Serve /metrics and /health on this port of 127.0.0.1 instead of the main port.")
    Integer managementPort;

    @Option(names = "--metrics-connection-names",
            description = "Label per-connection metrics with connection names (default: ids).")
    Boolean metricsConnectionNames;

    @Option(names = "--max-body-size", paramLabel = "BYTES",
            description = "Largest JSON or form request body (default: 1048576).")
    Long maxBodySize;

    @Option(names = "--max-import-size", paramLabel = "BYTES",
            description = "Largest bulk import body, streamed (default: 1073741824).")
    Long maxImportSize;

    @Option(names = "--node-name", paramLabel = "NAME",
            description = "This node's name among the servers sharing the store (default: host name and port).")
    String nodeName;

    @Option(names = "--max-runs", paramLabel = "N",
            description = "Flow runs this node runs at once at most; more wait for a node with room (default: 4).")
    Integer maxRuns;

    @Option(names = "--lease-time", paramLabel = "DURATION",
            description = "How long this node may go without a heartbeat before other nodes take its flow runs over, "
                    + "e.g. 30s, 2m (default: 30s).")
    String leaseTime;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Engine engine = Engine.of(spec);
        SluiceConfig config = effective(engine);
        config.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        config.file().ifPresent(f -> System.out.println("Configuration: " + f));
        Prepared prepared = prepare(config, engine.environment()); // files checked before the database is touched
        SluiceStore store = store(config, engine.environment());
        SluiceServer server;
        try {
            server = builder(config, engine.environment(), store, prepared).build().start();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        System.out.println("Sluice server on " + server.publicUrl() + " (Ctrl-C to stop)");
        UntilStopped stopped = UntilStopped.onShutdown("sluice-serve-shutdown", () -> {
            server.close();
            store.close();
        });
        stopped.await();
        return 0;
    }

    /** The configuration with this command's flags on top. */
    SluiceConfig effective(Engine engine) {
        SluiceConfig c = engine.config().withFlag("store.url", SluiceCommand.root(spec).storeUrl, "--store-url")
                .withFlag("server.host", host, "--host").withFlag("server.port", port, "--port")
                .withFlag("server.public-url", publicUrl, "--public-url")
                .withFlag("server.trusted-proxy", trustedProxy, "--trusted-proxy")
                .withFlag("server.tls.cert", tls.cert, "--tls-cert").withFlag("server.tls.key", tls.key, "--tls-key")
                .withFlag("server.flows", flows, "--flows")
                .withFlag("server.allow-hosts", allowHosts == null ? null : List.copyOf(allowHosts), "--allow-host")
                .withFlag("metrics.management-port", managementPort, "--management-port")
                .withFlag("metrics.connection-names", metricsConnectionNames, "--metrics-connection-names")
                .withFlag("server.max-body-size", maxBodySize, "--max-body-size")
                .withFlag("server.max-import-size", maxImportSize, "--max-import-size")
                .withFlag("server.node-name", nodeName, "--node-name").withFlag("server.max-runs", maxRuns, "--max-runs")
                .withFlag("server.lease-time", flagValue("server.lease-time", leaseTime, "--lease-time"), "--lease-time");
        if (metricsTokenEnv != null) {
            String token = engine.environment().variables().get(metricsTokenEnv);
            if (token == null || token.isBlank()) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "--metrics-token-env " + metricsTokenEnv
                        + ": that environment variable is not set");
            }
            c = c.withFlag("metrics.token", token, "--metrics-token-env " + metricsTokenEnv);
        }
        if ((c.get("server.tls.cert") == null) != (c.get("server.tls.key") == null)) {
            String given = c.has("server.tls.cert") ? "server.tls.cert" : "server.tls.key";
            throw new SluiceException(ErrorKind.INVALID_INPUT, given + " (" + c.source(given) + ") needs "
                    + (given.endsWith("cert") ? "server.tls.key (--tls-key)" : "server.tls.cert (--tls-cert)") + " too");
        }
        return c;
    }

    /** The engine store of the configuration: PostgreSQL by store.url, else the H2 file in SLUICE_HOME. */
    static SluiceStore store(SluiceConfig config, CliEnvironment environment) {
        return Engine.storeBuilder(environment, config.get("store.url"), config).build();
    }

    /** What the configuration's files give: the TLS certificate, the outbound proxy and the extra CAs. */
    record Prepared(ServerTls tls, ProxySettings proxy, TrustBundle trust) {}

    /** Loads the configuration's files (TLS pair, CA bundle) and proxy; problems name the setting and its source. */
    static Prepared prepare(SluiceConfig c, CliEnvironment environment) {
        ServerTls[] tls = new ServerTls[1];
        if (c.has("server.tls.cert")) {
            apply(c, "server.tls.cert", () -> tls[0] = ServerTls.fromPem(c.get("server.tls.cert"),
                    c.get("server.tls.key")));
        }
        return new Prepared(tls[0], OutboundSettings.proxy(c, environment.variables()), OutboundSettings.trust(c));
    }

    /** The server as configured (not built): each value's problems name the setting and where it came from. */
    static SluiceServerBuilder builder(SluiceConfig c, CliEnvironment environment, SluiceStore store) {
        return builder(c, environment, store, prepare(c, environment));
    }

    static SluiceServerBuilder builder(SluiceConfig c, CliEnvironment environment, SluiceStore store,
            Prepared prepared) {
        SluiceServerBuilder b = SluiceServer.builder().store(store)
                .adminPassword(environment.variables().get("SLUICE_ADMIN_PASSWORD"));
        apply(c, "server.host", () -> b.host(c.get("server.host")));
        apply(c, "server.port", () -> b.port(c.<Integer>get("server.port")));
        apply(c, "server.trusted-proxy", () -> b.trustedProxy(c.bool("server.trusted-proxy")));
        if (c.has("server.public-url")) {
            apply(c, "server.public-url", () -> b.publicBaseUrl(c.get("server.public-url")));
        }
        if (prepared.tls() != null) {
            b.tls(prepared.tls());
        }
        if (c.has("server.flows")) {
            apply(c, "server.flows", () -> b.flowsFolder(c.get("server.flows")));
        }
        if (c.has("server.allow-hosts")) {
            apply(c, "server.allow-hosts", () -> c.<List<String>>get("server.allow-hosts").forEach(b::allowOutbound));
        }
        if (c.has("metrics.token")) {
            apply(c, "metrics.token", () -> b.metricsToken(c.secret("metrics.token")));
        }
        if (c.has("metrics.management-port")) {
            apply(c, "metrics.management-port", () -> b.managementPort(c.<Integer>get("metrics.management-port")));
        }
        b.metricsConnectionNames(c.bool("metrics.connection-names"));
        apply(c, "server.max-body-size", () -> b.bodyLimits(c.<Long>get("server.max-body-size"),
                c.<Long>get("server.max-import-size")));
        b.outboundProxy(prepared.proxy()).outboundTrust(prepared.trust());
        if (c.has("server.node-name")) {
            apply(c, "server.node-name", () -> b.nodeName(c.get("server.node-name")));
        }
        apply(c, "server.max-runs", () -> b.maxRuns(c.<Integer>get("server.max-runs")));
        apply(c, "server.lease-time", () -> b.leaseTime(c.get("server.lease-time")));
        return b;
    }

    /** A flag's text as the value of {@code key}, or null when not given; a bad value names the flag. */
    static Object flagValue(String key, String text, String flag) {
        if (text == null) {
            return null;
        }
        try {
            return ConfigKey.named(key).type().parse(text);
        } catch (IllegalArgumentException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, flag + " " + e.getMessage(), e);
        }
    }

    /** Runs a builder call; its INVALID_INPUT names the setting and its source. */
    static void apply(SluiceConfig c, String key, Runnable set) {
        try {
            set.run();
        } catch (SluiceException e) {
            throw new SluiceException(e.kind(), key + " (" + c.source(key) + "): " + e.getMessage());
        }
    }
}
