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
import dev.sluice.emulator.internal.businesscentral.BusinessCentralService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    private final BusinessCentralService businessCentral;
    /** Seed counts named {@code bc.customers=N} are Business Central's, per company; the rest Dataverse's. */
    public static final String BC_SEED_PREFIX = "bc.";

    Emulator(EmulatorSettings settings) {
        this(settings, null);
    }

    /** With {@code tls}, the emulator serves https (its URLs say so). */
    Emulator(EmulatorSettings settings, dev.sluice.core.ServerTls tls) {
        this.settings = settings;
        List<TableDef> tables = new ArrayList<>(SampleSchema.tables());
        if (settings.schemaFile() != null) {
            tables.addAll(SchemaFile.read(settings.schemaFile()));
        }
        OrgStore store = new OrgStore(new OrgSchema(tables), settings.clock());
        SeedGenerator seeds = new SeedGenerator(store);
        seeds.bootstrap();
        Map<String, Integer> dataverseSeed = new LinkedHashMap<>();
        Map<String, Integer> businessCentralSeed = new LinkedHashMap<>();
        settings.seed().forEach((table, rows) -> {
            if (table.startsWith(BC_SEED_PREFIX)) {
                businessCentralSeed.put(table.substring(BC_SEED_PREFIX.length()), rows);
            } else {
                dataverseSeed.put(table, rows);
            }
        });
        seeds.seed(dataverseSeed);
        this.context = new EmulatorContext(settings, store);
        IdentityService identityService = new IdentityService(context);
        this.businessCentral = new BusinessCentralService(context, identityService, businessCentralSeed);
        this.identity = new IdentityControls(identityService, this::baseUrl);
        DataverseService dataverse = new DataverseService(context, identityService);
        this.protection = dataverse.protection();
        FaultTable faultTable = new FaultTable(settings.clock());
        TrafficStats traffic = new TrafficStats();
        this.faults = new EmulatorFaults(faultTable);
        this.stats = new EmulatorStats(traffic, protection);
        RootHandler root = new RootHandler(new TrafficControl(context, faultTable, traffic, protection), dataverse,
                identityService, new AdminHandler(faults, stats, protection), businessCentral);
        try {
            this.server = new EmulatorServer(settings.host(), settings.port(), root, tls);
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

    /** {@code http://127.0.0.1:PORT} (https with a TLS certificate): the root of every path. */
    public String baseUrl() {
        return server.scheme() + "://" + hostForUrl() + ":" + port();
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

    /**
     * The Business Central API v2.0 root of an environment ({@code production} or {@code sandbox}) of the emulated
     * tenant: {@code http://127.0.0.1:PORT/v2.0/{tenant id}/{environment}/api/v2.0/}; Microsoft's is
     * {@code https://api.businesscentral.dynamics.com/v2.0/{tenant}/{environment}/api/v2.0/}.
     */
    public String businessCentralApiUrl(String environment) {
        return baseUrl() + "/v2.0/" + identity.info().tenantId() + "/" + environment + "/api/v2.0/";
    }

    /** The id of a Business Central company ({@code CRONUS USA, Inc.}, {@code CRONUS Canada, Inc.}). */
    public java.util.UUID businessCentralCompanyId(String environment, String company) {
        return BusinessCentralService.companyId(environment, company);
    }

    /** Puts Business Central's rate limit in force: at most {@code requests} per identity in {@code window}. */
    public void businessCentralLimits(int requests, java.time.Duration window) {
        businessCentral.limits(requests, window);
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

    /** The latency profile in force. */
    public WireLatency latency() {
        return protection.serverTime().latency();
    }

    /** Puts a latency profile in force for the requests that arrive from now on. */
    public void latency(WireLatency latency) {
        protection.serverTime().latency(latency);
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
