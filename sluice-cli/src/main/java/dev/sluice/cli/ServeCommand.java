package dev.sluice.cli;

import dev.sluice.server.SluiceServer;
import dev.sluice.server.SluiceServerBuilder;
import dev.sluice.store.SluiceStore;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice serve}: runs the Sluice server (web UI and REST API) until stopped. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the Sluice server: web UI, REST API (/api/v1), OAuth callback, health and metrics.",
        footer = {"", "On first start an 'admin' user is created with a one-time password, printed once",
            "(or taken from SLUICE_ADMIN_PASSWORD); it must be changed at first sign-in.", "", "Examples:",
            "  sluice serve",
            "  sluice serve --host 0.0.0.0 --public-url https://sluice.example.com --trusted-proxy",
            "  sluice serve --allow-host 127.0.0.1:7070          # reach the emulator on this machine",
            "  SLUICE_METRICS_TOKEN=… sluice serve --metrics-token-env SLUICE_METRICS_TOKEN",
            "  sluice serve --store-url jdbc:postgresql://db:5432/sluice --node-name node-a --max-runs 4 \\",
            "      --lease-time 30s                              # one node of several on one PostgreSQL"})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", description = "Bind address (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", description = "Port (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The URL people reach the server at (base of OAuth redirect URIs); https marks cookies Secure.")
    URI publicUrl;

    @Option(names = "--trusted-proxy", description = "A TLS-terminating reverse proxy is in front.")
    boolean trustedProxy;

    @Option(names = "--flows", paramLabel = "DIR",
            description = "A folder of flow files (*.yaml) to show, run and schedule besides uploaded flows.")
    java.nio.file.Path flows;

    @Option(names = "--allow-host", paramLabel = "HOST[:PORT]",
            description = "Also allow outbound requests to this host (not stored; admins add stored ones on the "
                    + "Outbound hosts page). An IP address or localhost allows that private address. Repeatable.")
    java.util.List<String> allowHosts = new java.util.ArrayList<>();

    @Option(names = "--metrics-token-env", paramLabel = "VAR",
            description = "Environment variable holding the bearer token a scraper sends to /metrics.")
    String metricsTokenEnv;

    @Option(names = "--management-port", paramLabel = "PORT",
            description = "Serve /metrics and /health on this port of 127.0.0.1 instead of the main port.")
    Integer managementPort;

    @Option(names = "--metrics-connection-names",
            description = "Label per-connection metrics with connection names (default: ids).")
    boolean metricsConnectionNames;

    @Option(names = "--max-body-size", paramLabel = "BYTES", defaultValue = "1048576",
            description = "Largest JSON or form request body (default: ${DEFAULT-VALUE}).")
    long maxBodySize;

    @Option(names = "--max-import-size", paramLabel = "BYTES", defaultValue = "1073741824",
            description = "Largest bulk import body, streamed (default: ${DEFAULT-VALUE}).")
    long maxImportSize;

    @Option(names = "--node-name", paramLabel = "NAME",
            description = "This node's name among the servers sharing the store (default: host name and port).")
    String nodeName;

    @Option(names = "--max-runs", paramLabel = "N", defaultValue = "4",
            description = "Flow runs this node runs at once at most; more wait for a node with room (default: "
                    + "${DEFAULT-VALUE}).")
    int maxRuns;

    @Option(names = "--lease-time", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long this node may go without a heartbeat before other nodes take its flow runs over, "
                    + "e.g. 30s, 2m (default: ${DEFAULT-VALUE}).")
    String leaseTime;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        java.time.Duration lease = dev.sluice.flow.internal.DurationText.parse(leaseTime);
        if (lease == null) {
            throw new dev.sluice.core.SluiceException(dev.sluice.core.ErrorKind.INVALID_INPUT, "--lease-time '"
                    + leaseTime + "': give a number and a unit, e.g. 30s or 2m");
        }
        SluiceStore store = store();
        SluiceServerBuilder b = SluiceServer.builder().store(store).host(host).port(port).trustedProxy(trustedProxy)
                .adminPassword(System.getenv("SLUICE_ADMIN_PASSWORD")).maxRuns(maxRuns).leaseTime(lease);
        if (nodeName != null) {
            b.nodeName(nodeName);
        }
        if (publicUrl != null) {
            b.publicBaseUrl(publicUrl);
        }
        if (flows != null) {
            b.flowsFolder(flows);
        }
        allowHosts.forEach(b::allowOutbound);
        if (metricsTokenEnv != null) {
            String token = System.getenv(metricsTokenEnv);
            if (token == null || token.isBlank()) {
                throw new dev.sluice.core.SluiceException(dev.sluice.core.ErrorKind.INVALID_INPUT, "--metrics-token-env "
                        + metricsTokenEnv + ": that environment variable is not set");
            }
            b.metricsToken(dev.sluice.core.Secret.of(token));
        }
        if (managementPort != null) {
            b.managementPort(managementPort);
        }
        b.metricsConnectionNames(metricsConnectionNames).bodyLimits(maxBodySize, maxImportSize);
        SluiceServer server;
        try {
            server = b.build().start();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        System.out.println("Sluice server on " + server.publicUrl() + " (Ctrl-C to stop)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            store.close();
            stopped.countDown();
        }, "sluice-serve-shutdown"));
        stopped.await();
        return 0;
    }

    /** The store: PostgreSQL with {@code --store-url} (user and password from the environment), else SLUICE_HOME. */
    private SluiceStore store() {
        dev.sluice.store.SluiceStoreBuilder b = SluiceStore.builder();
        String url = SluiceCommand.root(spec).storeUrl;
        if (url != null) {
            java.util.Map<String, String> env = SluiceCommand.root(spec).environment().variables();
            b.jdbcUrl(url);
            if (env.get(CliEnvironment.STORE_USER) != null) {
                b.user(env.get(CliEnvironment.STORE_USER));
            }
            if (env.get(CliEnvironment.STORE_PASSWORD) != null) {
                b.password(dev.sluice.core.Secret.of(env.get(CliEnvironment.STORE_PASSWORD)));
            }
        }
        return b.build();
    }
}
