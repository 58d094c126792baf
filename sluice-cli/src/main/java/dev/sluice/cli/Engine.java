package dev.sluice.cli;

import dev.sluice.auth.ConnectionAuthorizer;
import dev.sluice.auth.ConnectionCredentials;
import dev.sluice.businesscentral.BusinessCentralClient;
import dev.sluice.businesscentral.BusinessCentralRecordProvider;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.OutboundHost;
import dev.sluice.core.OutboundPolicy;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionType;
import dev.sluice.store.ConnectionSettings;
import dev.sluice.store.SluiceStore;
import dev.sluice.store.SluiceStoreBuilder;
import java.net.URI;
import java.util.List;
import picocli.CommandLine;

/**
 * What a command works with: the engine store (opened on first use, closed with this), connection
 * credentials, the authorizer, and Dataverse clients for named connections. Not thread-safe; one per command.
 */
final class Engine implements AutoCloseable {
    private final CliEnvironment environment;
    private final String storeUrl;
    private SluiceStore store;
    private ConnectionCredentials credentials;
    private SluiceConfig config;

    private Engine(CliEnvironment environment, String storeUrl) {
        this.environment = environment;
        this.storeUrl = storeUrl;
    }

    /** The engine of the command tree {@code spec} belongs to. */
    static Engine of(CommandLine.Model.CommandSpec spec) {
        SluiceCommand root = SluiceCommand.root(spec);
        return new Engine(root.environment(), root.storeUrl);
    }

    CliEnvironment environment() {
        return environment;
    }

    /** Who changes are audited as: {@code cli:<os user>}. */
    String actor() {
        String user = environment.variables().getOrDefault("USER", System.getProperty("user.name", "unknown"));
        return "cli:" + (user == null || user.isBlank() ? "unknown" : user);
    }

    /** The configuration ({@code sluice.yaml} and {@code SLUICE_…} variables), read once. */
    SluiceConfig config() {
        if (config == null) {
            config = SluiceConfig.load(environment.variables(), environment.home());
        }
        return config;
    }

    SluiceStore store() {
        if (store == null) {
            store = EarlyStore.claim(environment, storeUrl);
        }
        if (store == null) {
            store = openStore(environment, storeUrl, config());
        }
        return store;
    }

    /**
     * Opens the store a command of this environment works with: at {@code storeUrl}, else at the configuration's
     * {@code store.url}, else the H2 file in SLUICE_HOME.
     */
    static SluiceStore openStore(CliEnvironment environment, String storeUrl, SluiceConfig config) {
        return openForCommand(storeBuilder(environment, storeUrl != null ? storeUrl : config.get("store.url"), config));
    }

    /** Opens {@code builder}'s store as a command does: a small pool, and no compaction when it closes. */
    static SluiceStore openForCommand(SluiceStoreBuilder builder) {
        // a command is short: closing the H2 file leaves its compaction to a later close (see compactOnClose)
        return builder.poolSize(4).compactOnClose(false).build();
    }

    /**
     * The store at {@code url} (PostgreSQL, user and password from the configuration), or the H2 file in SLUICE_HOME
     * when it is null; for a command or the server.
     */
    static SluiceStoreBuilder storeBuilder(CliEnvironment environment, String url, SluiceConfig config) {
        SluiceStoreBuilder b = SluiceStore.builder().environment(environment.variables()).clock(environment.clock());
        if (url == null) {
            return b.home(environment.home());
        }
        b.jdbcUrl(url);
        String user = config.get("store.user");
        Secret password = config.secret("store.password");
        if (user != null) {
            b.user(user);
        }
        if (password != null) {
            b.password(password);
        }
        return b;
    }

    ConnectionCredentials credentials() {
        if (credentials == null) {
            // the CLI's user owns the store: its allowlist, and this machine's loopback (the emulator runs there)
            SluiceStore s = store();
            credentials = new ConnectionCredentials(s, environment.clock(), OutboundSettings.build(config(),
                    environment.variables(), () -> s.outboundHosts().policy().with(OutboundPolicy.LOOPBACK)));
        }
        return credentials;
    }

    ConnectionAuthorizer authorizer() {
        return new ConnectionAuthorizer(credentials());
    }

    /** The stored connection with this name; NOT_FOUND that suggests a close name or how to list them. */
    Connection connection(String name) {
        return store().connections().get(name).orElseThrow(() -> {
            List<String> names = store().connections().list().stream().map(Connection::name).toList();
            String hint = Suggestions.closest(name, names).map(s -> "did you mean '" + s + "'?")
                    .orElse(names.isEmpty() ? "add one with: sluice connection add " + safe(name) + " --org-url URL …"
                            : "see them with: sluice connection list");
            return new SluiceException(ErrorKind.NOT_FOUND, "no connection named '" + safe(name) + "'; " + hint);
        });
    }

    /** A Dataverse client for a named connection. */
    DataverseClient client(String name) {
        Connection c = connection(name);
        return DataverseClient.builder().connection(c, credentials().credential(c)).outbound(credentials().outbound(c))
                .clock(environment.clock()).build();
    }

    /**
     * The CLI's user owns this store (its database and keyset), so the hosts a connection they add or edit names
     * join the store's outbound allowlist, as an admin's would; loopback needs no entry (the CLI may reach its own
     * machine) and Microsoft's hosts are always allowed. Returns the hosts added.
     */
    List<String> allowDestinationsOf(ConnectionSettings settings) {
        List<String> added = new java.util.ArrayList<>();
        OutboundPolicy policy = credentials().outbound().policy();
        for (URI u : destinations(settings)) {
            if (policy.refusal(u).isPresent() && added.stream().noneMatch(h -> h.equals(host(u)))) {
                store().outboundHosts().add(OutboundHost.parse(host(u), false), actor());
                added.add(host(u));
            }
        }
        return added;
    }

    private static List<URI> destinations(ConnectionSettings s) {
        List<URI> out = new java.util.ArrayList<>(List.of(s.orgUrl().webApi(s.apiVersion()),
                URI.create(s.authority() + "/")));
        for (URI u : new URI[] {s.auth().tokenEndpoint(), s.auth().authorizeEndpoint(), s.auth().discoveryUrl()}) {
            if (u != null) {
                out.add(u);
            }
        }
        return out;
    }

    private static String host(URI u) {
        String h = u.getHost().contains(":") && !u.getHost().startsWith("[") ? "[" + u.getHost() + "]" : u.getHost();
        return u.getPort() < 0 ? h : h + ":" + u.getPort();
    }

    /** Whether a named connection is of kind business-central (its data commands go through the record provider). */
    boolean isBusinessCentral(String name) {
        return connection(name).settings().type() == ConnectionType.BUSINESS_CENTRAL;
    }

    /** The Business Central record provider of a named connection (its company, or every company). */
    BusinessCentralRecordProvider provider(String name) {
        Connection c = connection(name);
        if (c.settings().type() != ConnectionType.BUSINESS_CENTRAL) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "connection '" + name + "' is not a business-central "
                    + "connection");
        }
        BusinessCentralClient client = BusinessCentralClient.builder().connection(c, credentials().credential(c))
                .outbound(credentials().outbound(c))
                .clock(environment.clock()).build();
        return new BusinessCentralRecordProvider(client, c.settings().businessCentral().company());
    }

    private static String safe(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
