package dev.sluice.emulator;

import dev.sluice.emulator.internal.DataverseService;
import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.EmulatorSettings;
import dev.sluice.emulator.internal.RootHandler;
import dev.sluice.emulator.internal.admin.AdminHandler;
import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.data.SeedGenerator;
import dev.sluice.emulator.internal.http.EmulatorServer;
import dev.sluice.emulator.internal.identity.IdentityService;
import dev.sluice.emulator.internal.limits.FaultTable;
import dev.sluice.emulator.internal.limits.ServiceProtection;
import dev.sluice.emulator.internal.limits.TrafficControl;
import dev.sluice.emulator.internal.limits.TrafficStats;
import dev.sluice.emulator.internal.schema.OrgSchema;
import dev.sluice.emulator.internal.schema.SampleSchema;
import dev.sluice.emulator.internal.schema.SchemaFile;
import dev.sluice.emulator.internal.schema.TableDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A running local Dataverse Web API and Microsoft identity platform on real HTTP, for tests, demos
 * and offline development. Start one with {@link #builder()}; close it to stop. Thread-safe.
 */
public final class Emulator implements AutoCloseable {
    private final EmulatorSettings settings;
    private final EmulatorServer server;
    private final EmulatorContext context;
    private final ServiceProtection protection;
    private final EmulatorFaults faults;
    private final EmulatorStats stats;
    private final IdentityControls identity;

    Emulator(EmulatorSettings settings) {
        this.settings = settings;
        List<TableDef> tables = new ArrayList<>(SampleSchema.tables());
        if (settings.schemaFile() != null) {
            tables.addAll(SchemaFile.read(settings.schemaFile()));
        }
        OrgStore store = new OrgStore(new OrgSchema(tables), settings.clock());
        SeedGenerator seeds = new SeedGenerator(store);
        seeds.bootstrap();
        seeds.seed(settings.seed());
        this.context = new EmulatorContext(settings, store);
        IdentityService identityService = new IdentityService(context);
        this.identity = new IdentityControls(identityService, this::baseUrl);
        DataverseService dataverse = new DataverseService(context, identityService);
        this.protection = dataverse.protection();
        FaultTable faultTable = new FaultTable(settings.clock());
        TrafficStats traffic = new TrafficStats();
        this.faults = new EmulatorFaults(faultTable);
        this.stats = new EmulatorStats(traffic, protection);
        RootHandler root = new RootHandler(new TrafficControl(context, faultTable, traffic, protection), dataverse,
                identityService, new AdminHandler(faults, stats, protection));
        try {
            this.server = new EmulatorServer(settings.host(), settings.port(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the emulator to " + settings.host() + ":" + settings.port(), e);
        }
    }

    public static EmulatorBuilder builder() {
        return new EmulatorBuilder();
    }

    /** The port it listens on. */
    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:PORT}: the root of every path. */
    public String baseUrl() {
        return "http://" + hostForUrl() + ":" + port();
    }

    /**
     * The org URL ({@code http://127.0.0.1:PORT}), as a connection names it and as tokens carry it in
     * {@code aud}; Dataverse's own is {@code https://contoso.crm.dynamics.com}.
     */
    public String orgUrl() {
        return baseUrl();
    }

    /** The Web API service root: {@code http://127.0.0.1:PORT/api/data/v9.2/}. */
    public String webApiUrl() {
        return baseUrl() + "/api/data/v9.2/";
    }

    /** Whether Dataverse requests are accepted with any bearer token. */
    public boolean noAuth() {
        return settings.noAuth();
    }

    private String hostForUrl() {
        String h = settings.host();
        return h.equals("0.0.0.0") ? "127.0.0.1" : h;
    }

    /** Fault injection: the next N matching requests get a 429, 5xx, delay, dropped connection or 401. */
    public EmulatorFaults faults() {
        return faults;
    }

    /** Request counts, the recent-request log and per-identity limit figures. */
    public EmulatorStats stats() {
        return stats;
    }

    /** The service protection limits in force. */
    public ServiceLimits limits() {
        return protection.limits();
    }

    /** Puts new service protection limits in force; every identity's windows start afresh. */
    public void limits(ServiceLimits limits) {
        protection.limits(limits);
    }

    /** The identity platform's sign-in information and test hooks. */
    public IdentityControls identity() {
        return identity;
    }

    /** Internal: the shared state of this instance, for the emulator's own packages. */
    public EmulatorContext context() {
        return context;
    }

    @Override
    public void close() {
        server.close();
    }
}
