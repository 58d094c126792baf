package dev.sluice.cli;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorBuilder;
import dev.sluice.emulator.ServiceLimits;
import dev.sluice.emulator.WireLatency;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice emulator}: runs the local Dataverse Web API and identity platform until stopped. */
@Command(
        name = "emulator",
        mixinStandardHelpOptions = true,
        description = "Run a local Dataverse Web API, Business Central API v2.0 and Microsoft identity platform emulator.",
        footer = {"", "Examples:",
            "  sluice emulator --port 7070 --seed accounts=100000,contacts=50000",
            "  sluice emulator --seed bc.customers=500,bc.salesOrders=50   # Business Central, per company",
            "  sluice emulator --no-auth --info-file emulator.json",
            "  sluice emulator --limit-requests 300 --limit-window 10 --limit-concurrent 20",
            "  sluice emulator --latency cloud   # a real wire: rtt=40ms,request=20ms,write=40ms,bulk=10ms",
            "  sluice emulator --latency rtt=40ms,request=15ms,bulk=2ms",
            "  sluice emulator --tls-cert cert.pem --tls-key key.pem   # https, for clients that insist on it"})
final class EmulatorCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--host", description = "Bind address (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).",
            defaultValue = "7070")
    int port;

    @Option(names = "--seed", split = ",", paramLabel = "TABLE=ROWS",
            description = "Rows to generate, e.g. accounts=100000,contacts=50000; bc.customers=500 for Business Central "
                    + "(same arguments, same rows).")
    Map<String, Integer> seed = new LinkedHashMap<>();

    @Option(names = "--schema", paramLabel = "FILE", description = "Extra tables, in a YAML or JSON schema file.")
    Path schema;

    @Option(names = "--directory", paramLabel = "FILE",
            description = "Identity directory (tenants, apps, users) in YAML instead of the built-in one.")
    Path directory;

    @Option(names = "--no-auth", description = "Accept any bearer token on the Web API (no identity checks).")
    boolean noAuth;

    @Option(names = "--info-file", paramLabel = "FILE",
            description = "Write the URLs and sign-in details as JSON to this file once ready.")
    Path infoFile;

    @Option(names = "--limit-requests", description = "Requests per window and identity (default: 6000).")
    Integer limitRequests;

    @Option(names = "--limit-window", description = "Window in seconds (default: 300).")
    Integer limitWindow;

    @Option(names = "--limit-concurrent", description = "Concurrent requests per identity (default: 52).")
    Integer limitConcurrent;

    @Option(names = "--latency", paramLabel = "PROFILE",
            description = "Add a real wire's latency: 'cloud' (rtt=40ms,request=20ms,write=40ms,bulk=10ms) or "
                    + "rtt=, request=, write=, bulk= durations (network round trip per request; server time per "
                    + "request, per record written singly or in a $batch, per record of a bulk message; server time "
                    + "counts into the execution-time limit). Default: none.")
    String latency;

    @Mixin
    TlsFiles tls;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ServiceLimits d = ServiceLimits.DATAVERSE_DEFAULTS;
        ServiceLimits limits;
        try {
            limits = new ServiceLimits(limitRequests == null ? d.maxRequests() : limitRequests,
                    limitWindow == null ? d.window() : Duration.ofSeconds(limitWindow), d.maxExecutionTime(),
                    limitConcurrent == null ? d.maxConcurrent() : limitConcurrent, d.dopHint());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        WireLatency profile;
        try {
            profile = latency == null ? WireLatency.NONE : WireLatency.parse(latency);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--latency: " + e.getMessage());
        }
        EmulatorBuilder builder = Emulator.builder().host(host).port(port).noAuth(noAuth).limits(limits)
                .latency(profile).schemaFile(schema).directoryFile(directory);
        if ((tls.cert == null) != (tls.key == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
        }
        if (tls.cert != null) {
            builder.tls(tls.cert, tls.key);
        }
        long start = System.nanoTime();
        Emulator emulator;
        try {
            emulator = builder.seed(seed).start();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        UntilStopped stopped = UntilStopped.onShutdown("emulator-shutdown", emulator::close);
        Map<String, Object> info = EmulatorInfo.of(emulator);
        if (infoFile != null) {
            writeAtomically(infoFile, info);
        }
        System.out.println("Sluice emulator ready in " + ms + " ms");
        System.out.println("  Web API:   " + emulator.webApiUrl());
        System.out.println("  Org URL:   " + emulator.orgUrl());
        System.out.println("  Business Central: " + emulator.businessCentralApiUrl("production") + " (also sandbox)");
        if (!profile.isNone()) {
            System.out.println("  Latency:   " + profile + " (round trip; server time per request, write, bulk record)");
        }
        System.out.println("  Auth:      " + (noAuth ? "off (--no-auth: any bearer token is accepted)"
                : "tokens from the emulated identity platform are required"));
        if (infoFile != null) {
            System.out.println("  Info file: " + infoFile.toAbsolutePath());
        }
        System.out.println("Press Ctrl+C to stop.");
        System.out.flush();
        stopped.await();
        return 0;
    }

    private static void writeAtomically(Path file, Map<String, Object> info) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), info);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
