package dev.sluice.server;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.OutboundHost;
import dev.sluice.core.ProxySettings;
import dev.sluice.core.Secret;
import dev.sluice.core.ServerTls;
import dev.sluice.core.SluiceException;
import dev.sluice.server.internal.BodyLimits;
import dev.sluice.store.SluiceStore;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;

/**
 * Configures a {@link SluiceServer}. Defaults: 127.0.0.1, port 8080, public URL {@code http://HOST:PORT} (https with
 * {@link #tls}), system clock, no trusted proxy, outbound requests direct (or as the JVM's proxy properties say) and
 * trusting Java's CAs. Not thread-safe.
 */
public final class SluiceServerBuilder {
    SluiceStore store;
    Clock clock = Clock.systemUTC();
    String host = "127.0.0.1";
    /** The default port of {@code sluice serve}. */
    int port = 8080;
    URI publicBaseUrl;
    boolean trustedProxy;
    String adminPassword;
    PrintStream out = System.out;
    java.nio.file.Path flowsFolder;
    /** db-scheduler's default polling interval: a schedule fires at most this late. */
    java.time.Duration schedulerPolling = java.time.Duration.ofSeconds(10);
    final java.util.List<OutboundHost> allowedOutbound = new java.util.ArrayList<>();
    BodyLimits bodyLimits = BodyLimits.DEFAULTS;
    Secret metricsToken;
    Integer managementPort;
    boolean metricsConnectionNames;
    ServerTls tls;
    ProxySettings outboundProxy;
    dev.sluice.core.TrustBundle outboundTrust;
    String nodeName;
    /** Flow runs at once on this node by default. */
    int maxRuns = 4;
    /** How long a node may be silent before other nodes take its runs over, by default. */
    java.time.Duration leaseTime = java.time.Duration.ofSeconds(30);
    String version;

    /** Node names: they show in the Nodes page, the runs and the metrics' {@code node} label. */
    private static final java.util.regex.Pattern NODE_NAME = java.util.regex.Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    /** The shortest lease: four heartbeats of 250 ms. */
    static final java.time.Duration MIN_LEASE = java.time.Duration.ofSeconds(1);

    SluiceServerBuilder() {}

    /** The engine database (required). */
    public SluiceServerBuilder store(SluiceStore value) {
        this.store = Objects.requireNonNull(value, "store");
        return this;
    }

    public SluiceServerBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /** The address to bind (default 127.0.0.1). */
    public SluiceServerBuilder host(String value) {
        this.host = Objects.requireNonNull(value, "host");
        return this;
    }

    /** The port to bind (default 8080; 0 picks a free one). */
    public SluiceServerBuilder port(int value) {
        if (value < 0 || value > 65535) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "port must be 0..65535, got " + value);
        }
        this.port = value;
        return this;
    }

    /**
     * The URL people reach the server at, e.g. {@code https://sluice.example.com}: the base of OAuth redirect URIs.
     * An {@code https} URL means TLS is in front, so cookies are marked Secure.
     */
    public SluiceServerBuilder publicBaseUrl(URI value) {
        String s = Objects.requireNonNull(value, "publicBaseUrl").toString();
        URI u = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null
                || u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "public URL must be http(s)://host[:port][/path] "
                    + "without query or fragment, got " + u.getScheme() + "://" + u.getHost());
        }
        this.publicBaseUrl = u;
        return this;
    }

    /** Whether a reverse proxy that terminates TLS sits in front (silences the exposure warning). */
    public SluiceServerBuilder trustedProxy(boolean value) {
        this.trustedProxy = value;
        return this;
    }

    /** The first admin's one-time password (else a random one is printed); used only when there are no users. */
    public SluiceServerBuilder adminPassword(String value) {
        this.adminPassword = value;
        return this;
    }

    /** Where the one-time password and warnings are printed (default standard output). */
    public SluiceServerBuilder out(PrintStream value) {
        this.out = Objects.requireNonNull(value, "out");
        return this;
    }

    /** A folder of flow files ({@code *.yaml}, {@code *.yml}) shown and scheduled besides uploaded flows. */
    public SluiceServerBuilder flowsFolder(java.nio.file.Path value) {
        java.nio.file.Path p = Objects.requireNonNull(value, "flowsFolder");
        if (!java.nio.file.Files.isDirectory(p)) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "flows folder " + p + " is not a directory");
        }
        this.flowsFolder = p;
        return this;
    }

    /** How often the scheduler looks for due flow schedules and triggers (default 10 s). */
    public SluiceServerBuilder schedulerPollingInterval(java.time.Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "scheduler polling interval must be positive");
        }
        this.schedulerPolling = value;
        return this;
    }

    /**
     * Allows outbound requests to a host besides Microsoft's and the stored allowlist, for this process only (not
     * stored): {@code host}, {@code host:port} or a URL, e.g. the emulator's {@code http://127.0.0.1:7070}. Naming an
     * IP address or localhost allows that private address; repeatable.
     */
    public SluiceServerBuilder allowOutbound(String host) {
        this.allowedOutbound.add(OutboundHost.parse(host, false));
        return this;
    }

    /** Request body limits (defaults: {@link BodyLimits#DEFAULTS}: 1 MiB JSON and forms, 1 GiB per import). */
    public SluiceServerBuilder bodyLimits(long jsonBytes, long importBytes) {
        try {
            this.bodyLimits = new BodyLimits(jsonBytes, importBytes, Math.min(jsonBytes, importBytes));
        } catch (IllegalArgumentException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, e.getMessage(), e);
        }
        return this;
    }

    /**
     * The bearer token a Prometheus scraper sends to {@code /metrics} ({@code Authorization: Bearer …}); without it
     * (and without a management port) only admins may read the metrics.
     */
    public SluiceServerBuilder metricsToken(Secret value) {
        if (value == null || value.reveal().length() < 16) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "the metrics token must have at least 16 characters");
        }
        this.metricsToken = value;
        return this;
    }

    /**
     * Serves {@code /metrics} (and {@code /health}) on this port of {@code 127.0.0.1} instead of the main port, for a
     * scraper on the same machine or network namespace (0: any free port; the metrics token, if set, still applies).
     */
    public SluiceServerBuilder managementPort(int value) {
        if (value < 0 || value > 65535) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "management port must be 0..65535, got " + value);
        }
        this.managementPort = value;
        return this;
    }

    /** Label per-connection metrics with connection names (default: their ids, so names do not leak). */
    public SluiceServerBuilder metricsConnectionNames(boolean value) {
        this.metricsConnectionNames = value;
        return this;
    }

    /**
     * This node's name in the cluster of servers sharing the store (default: the host name and port): unique among
     * them, shown on the Nodes page, with each run, and as the metrics' {@code node} label.
     */
    public SluiceServerBuilder nodeName(String value) {
        if (value == null || !NODE_NAME.matcher(value).matches()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "node name '" + value + "' must be 1-100 letters, "
                    + "digits, '.', '_', ':' or '-', starting with a letter or digit");
        }
        this.nodeName = value;
        return this;
    }

    /** Flow runs this node runs at once at most (default 4); more wait in the queue for any node with room. */
    public SluiceServerBuilder maxRuns(int value) {
        if (value < 1 || value > 64) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "max runs must be 1..64, got " + value);
        }
        this.maxRuns = value;
        return this;
    }

    /**
     * Serves https with this certificate (reloaded when its files change) instead of plain http. The public URL
     * defaults to {@code https://HOST:PORT}; cookies are Secure with the {@code __Host-} prefix and responses carry HSTS.
     */
    public SluiceServerBuilder tls(ServerTls value) {
        this.tls = Objects.requireNonNull(value, "tls");
        return this;
    }

    /**
     * How long this node may go without a heartbeat before the other nodes take its runs over (default 30 s; at least
     * 1 s). It heartbeats four times per lease; a takeover comes within about 1.5 leases after the last heartbeat.
     */
    public SluiceServerBuilder leaseTime(java.time.Duration value) {
        if (value == null || value.compareTo(MIN_LEASE) < 0) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "lease time must be at least " + MIN_LEASE.toSeconds()
                    + " s, got " + value);
        }
        this.leaseTime = value;
        return this;
    }

    /** The Sluice version this node runs, shown on the Nodes page (default: the jar's, or "development build"). */
    public SluiceServerBuilder version(String value) {
        this.version = Objects.requireNonNull(value, "version");
        return this;
    }

    String nodeName() {
        if (nodeName != null) {
            return nodeName;
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            // the machine's own name does not resolve: name it localhost in the printed address
            host = "localhost";
        }
        String n = host.replaceAll("[^A-Za-z0-9._-]", "-") + ":" + publicBaseUrl().getPort();
        return NODE_NAME.matcher(n).matches() ? n : "node:" + publicBaseUrl().getPort();
    }

    String version() {
        if (version != null) {
            return version;
        }
        String v = SluiceServer.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    /**
     * The HTTP proxy of every outbound request (Dataverse, Business Central, identity providers, OIDC discovery);
     * a connection's own proxy overrides it. Null (the default): none configured, the JVM's proxy properties apply.
     */
    public SluiceServerBuilder outboundProxy(ProxySettings value) {
        this.outboundProxy = value;
        return this;
    }

    /** CA certificates trusted for outbound TLS besides Java's (a TLS-inspecting proxy's, an internal CA). */
    public SluiceServerBuilder outboundTrust(dev.sluice.core.TrustBundle value) {
        this.outboundTrust = value;
        return this;
    }

    boolean secureCookies() {
        return publicBaseUrl().getScheme().equals("https");
    }

    URI publicBaseUrl() {
        if (publicBaseUrl != null) {
            return publicBaseUrl;
        }
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return URI.create((tls == null ? "http" : "https") + "://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port);
    }

    /** Builds the server (not yet started); names a missing setting. */
    public SluiceServer build() {
        if (store == null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "SluiceServerBuilder: store(...) is required");
        }
        if (port == 0 && publicBaseUrl == null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "SluiceServerBuilder: with port 0 (any free port) "
                    + "give publicBaseUrl(...) too, or the OAuth redirect URI cannot be known");
        }
        return new SluiceServer(this);
    }
}
