package dev.sluice.emulator;

import dev.sluice.emulator.internal.EmulatorSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Configures and starts an {@link Emulator}. Defaults: 127.0.0.1, a random free port, tokens
 * required, Dataverse's service protection limits, no added latency, the sample org with no generated rows. Not
 * thread-safe.
 */
public final class EmulatorBuilder {
    private String host = "127.0.0.1";
    private int port = 0;
    private boolean noAuth = false;
    private ServiceLimits limits = ServiceLimits.DATAVERSE_DEFAULTS;
    private final Map<String, Integer> seed = new LinkedHashMap<>();
    private Path schemaFile;
    private Path directoryFile;
    private Clock clock = Clock.systemUTC();
    private WireLatency latency = WireLatency.NONE;
    private Sleeper sleeper = Sleeper.REAL;
    private Duration accessTokenLifetime;
    private Duration refreshTokenLifetime;
    private final List<URI> trustedIssuers = new ArrayList<>();
    private dev.sluice.core.ServerTls tls;

    EmulatorBuilder() {}

    public EmulatorBuilder host(String host) {
        this.host = Objects.requireNonNull(host, "host");
        return this;
    }

    /** 0 (the default) picks a free port. */
    public EmulatorBuilder port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        this.port = port;
        return this;
    }

    /** Accept any bearer token on the Web API (no identity checks). */
    public EmulatorBuilder noAuth(boolean noAuth) {
        this.noAuth = noAuth;
        return this;
    }

    public EmulatorBuilder limits(ServiceLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        return this;
    }

    /** Generate {@code rows} rows of a table (logical or entity set name), e.g. {@code seed("accounts", 1000)}. */
    public EmulatorBuilder seed(String table, int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("seed rows must be >= 0, got " + rows + " for " + table);
        }
        seed.put(table, rows);
        return this;
    }

    public EmulatorBuilder seed(Map<String, Integer> counts) {
        counts.forEach(this::seed);
        return this;
    }

    /** Extra tables declared in a YAML or JSON schema file. */
    public EmulatorBuilder schemaFile(Path file) {
        this.schemaFile = file;
        return this;
    }

    /** Identity directory (tenants, apps, users) in YAML instead of the built-in one. */
    public EmulatorBuilder directoryFile(Path file) {
        this.directoryFile = file;
        return this;
    }

    public EmulatorBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * A latency profile: a network round trip per request and server time per request and per record written,
     * counted as execution time by the service protection limits (default {@link WireLatency#NONE}; see
     * {@link WireLatency#CLOUD}).
     */
    public EmulatorBuilder latency(WireLatency latency) {
        this.latency = Objects.requireNonNull(latency, "latency");
        return this;
    }

    /** How the latency profile's waits are served (default {@link Sleeper#REAL}; tests inject one that records). */
    public EmulatorBuilder sleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        return this;
    }

    /** A fixed access token lifetime (default: random 60–90 minutes, as the real service). */
    public EmulatorBuilder accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = lifetime;
        return this;
    }

    /** The refresh token lifetime (default 90 days). */
    public EmulatorBuilder refreshTokenLifetime(Duration lifetime) {
        this.refreshTokenLifetime = lifetime;
        return this;
    }

    /** Also accept Web API tokens of another OpenID Connect issuer, named by its discovery URL. */
    public EmulatorBuilder trustIssuer(URI discoveryUrl) {
        trustedIssuers.add(Objects.requireNonNull(discoveryUrl, "discoveryUrl"));
        return this;
    }

    /**
     * Serves https with this PEM certificate chain and private key instead of plain http (for clients that insist on
     * https, and for testing trust of a CA); the URLs the emulator gives and the tokens' audience say https.
     */
    public EmulatorBuilder tls(Path certificateFile, Path keyFile) {
        this.tls = dev.sluice.core.ServerTls.fromPem(certificateFile, keyFile);
        return this;
    }

    /** Seeds the org, binds the port and starts serving. */
    public Emulator start() {
        Emulator emulator = new Emulator(new EmulatorSettings(host, port, noAuth, limits, seed, schemaFile,
                directoryFile, clock, latency, sleeper), tls);
        try {
            emulator.identity().accessTokenLifetime(accessTokenLifetime);
            if (refreshTokenLifetime != null) {
                emulator.identity().refreshTokenLifetime(refreshTokenLifetime);
            }
            trustedIssuers.forEach(emulator.identity()::trustIssuer);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        return emulator;
    }
}
