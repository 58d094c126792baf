package dev.sluice.cli;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice demo}: the tour on a fresh machine. Starts the embedded emulator with a seeded org and a
 * throwaway {@code SLUICE_HOME}, then runs the real commands one after another, showing each: add a
 * connection, authorize it, WhoAmI, a few accounts, export every account to CSV, import changes back with
 * upserts (twice: the second run changes nothing), and what to try next. Cleans up and exits unless
 * {@code --stay}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the tour on a local emulator: connect, authorize, query, export and import. Exits when done.",
        footer = {"", "Examples:",
            "  sluice demo",
            "  sluice demo --interactive        # sign in through the browser as the demo user",
            "  sluice demo --business-central   # the same tour on a Business Central company's customers",
            "  sluice demo --stay               # keep the emulator running and try the commands yourself"})
final class DemoCommand implements Callable<Integer> {
    /** Accounts to seed: below Dataverse's 5000-row count cap, so the export knows its total (ETA). */
    static final int DEFAULT_ACCOUNTS = 4000;
    /** Existing accounts the demo changes, and new ones it adds, in the CSV it imports. */
    static final int CHANGED = 500;
    static final int ADDED = 5;
    static final String CONNECTION = "demo";
    static final String SECRET_VARIABLE = "SLUICE_DEMO_CLIENT_SECRET";
    /** Customers per Business Central company the emulator seeds. */
    static final int BC_CUSTOMERS = 200;

    @Option(names = "--accounts", paramLabel = "N", description = "Accounts to seed (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + DEFAULT_ACCOUNTS)
    int accounts;

    @Option(names = "--interactive", description = "Authorize through the browser sign-in instead of client credentials.")
    boolean interactive;

    @Option(names = "--business-central", description = "Tour Business Central instead: a company's customers, "
            + "exported to CSV and changes imported by customer number.")
    boolean businessCentral;

    @Option(names = "--keep", description = "Keep the demo's SLUICE_HOME (store, CSV files) instead of deleting it.")
    boolean keep;

    @Option(names = "--stay", description = "Keep the emulator running after the tour (Ctrl+C stops it); implies --keep.")
    boolean stay;

    @Option(names = "--serve", description = "After the tour, start the web UI and REST API on the demo's store "
            + "and emulator and keep everything up (Ctrl+C stops it); implies --keep.")
    boolean serve;

    @Option(names = "--serve-port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of the web UI with --serve (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int servePort;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "Emulator port (default: a free one).")
    int port;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private PrintWriter out;
    private CommandLine child;

    @Override
    public Integer call() throws Exception {
        if (accounts < 1 || accounts > 1_000_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--accounts must be 1..1000000, got " + accounts);
        }
        out = spec.commandLine().getOut();
        long start = System.nanoTime();
        Path home = Files.createTempDirectory("sluice-demo-");
        Emulator emulator = null;
        try {
            long t = System.nanoTime();
            emulator = Emulator.builder().host("127.0.0.1").port(port).seed("accounts", businessCentral ? 0 : accounts)
                    .seed(Emulator.BC_SEED_PREFIX + "customers", BC_CUSTOMERS).start();
            if (businessCentral) {
                out.printf("Started the Business Central + Dataverse + identity emulator at %s with %,d customers per "
                        + "company (%d ms).%n", emulator.baseUrl(), BC_CUSTOMERS, (System.nanoTime() - t) / 1_000_000);
            } else {
                out.printf("Started the Dataverse + identity emulator at %s with %,d accounts (%d ms).%n",
                        emulator.orgUrl(), accounts, (System.nanoTime() - t) / 1_000_000);
            }
            out.println("Demo SLUICE_HOME: " + home);
            EmulatorIdentity id = emulator.identity().info();
            // the tour never leaves this machine and its throwaway home: no proxy (HTTPS_PROXY and the like would send
            // loopback through it), no configuration file or store of the machine's server
            CliEnvironment env = SluiceCommand.root(spec).environment().withVariable(CliEnvironment.HOME, home.toString())
                    .withVariable(SECRET_VARIABLE, id.app("Sluice Service").orElseThrow().secrets().get(0).reveal())
                    .withVariable("SLUICE_OUTBOUND_PROXY", "direct").withVariable(SluiceConfig.CONFIG_VARIABLE, "")
                    .withVariable("SLUICE_STORE_URL", "");
            child = SluiceCommand.commandLine(env).setOut(out).setErr(spec.commandLine().getErr());
            int code = businessCentral ? BusinessCentralDemo.tour(emulator, id, home, SECRET_VARIABLE, this::step, out)
                    : tour(emulator, id, home);
            if (code != 0) {
                out.println("The demo stopped at a failed step (exit code " + code + ").");
                return code;
            }
            out.printf("%nDone in %.1f s.%n", (System.nanoTime() - start) / 1e9);
            whatNext(emulator, home);
            if (serve) {
                serveUi(emulator, home);
            } else if (stay) {
                stayUp(emulator);
            }
            return 0;
        } finally {
            if (emulator != null) {
                emulator.close();
            }
            if (!keep && !stay && !serve) {
                deleteTree(home);
            } else {
                out.println("Kept the demo's files in " + home);
            }
            out.flush();
        }
    }

    private int tour(Emulator emulator, EmulatorIdentity id, Path home) throws IOException {
        String tenant = id.tenantId().toString();
        List<String> add = new ArrayList<>(List.of("connection", "add", CONNECTION, "--org-url", emulator.orgUrl(),
                "--tenant", tenant));
        if (interactive) {
            add.addAll(List.of("--auth", "authorization-code", "--client-id",
                    id.app("Sluice CLI").orElseThrow().clientId().toString()));
        } else {
            add.addAll(List.of("--auth", "client-secret", "--client-id",
                    id.app("Sluice Service").orElseThrow().clientId().toString(), "--client-secret-env", SECRET_VARIABLE));
        }
        Path export = home.resolve("accounts.csv");
        Path changes = home.resolve("account-changes.csv");
        int code = step("1. Add a connection to the emulated org (the secret comes from an environment variable)",
                add.toArray(String[]::new));
        if (code == 0 && interactive) {
            EmulatorIdentity.User user = id.users().get(0);
            out.println("   Sign in as " + user.upn() + " with the emulator's public demo password "
                    + user.password().reveal());
        }
        code = code != 0 ? code : step("2. Authorize it: " + (interactive ? "browser sign-in and consent"
                : "client credentials get a token, stored encrypted"), "auth", "login", CONNECTION);
        code = code != 0 ? code : step("3. Who am I?", "connection", "test", CONNECTION);
        code = code != 0 ? code : step("4. A few accounts", "query", CONNECTION, "account", "--select",
                "accountnumber,name,address1_city,revenue", "--order-by", "accountnumber", "--top", "5");
        code = code != 0 ? code : step("5. Export every account to CSV (atomic, resumable)", "export", CONNECTION,
                "account", "--to", export.toString());
        if (code != 0) {
            return code;
        }
        DemoChanges.Written written = DemoChanges.write(export, changes, CHANGED, ADDED);
        out.println("   Wrote " + changes.getFileName() + ": " + (written.rows() - ADDED) + " changed phone numbers and "
                + ADDED + " new accounts.");
        code = step("6. Import the changes with upserts by the alternate key accountnumber", "import", CONNECTION,
                "account", "--from", changes.toString(), "--key", "accountnumber");
        code = code != 0 ? code : step("7. The same import again changes nothing", "import", CONNECTION, "account",
                "--from", changes.toString(), "--key", "accountnumber");
        code = code != 0 ? code : step("8. Still " + ADDED + " new accounts, not " + 2 * ADDED, "query", CONNECTION,
                "account", "--filter", "startswith(accountnumber,'DEMO-')", "--select", "accountnumber,name,telephone1",
                "--order-by", "accountnumber");
        code = code != 0 ? code : step("9. One of the changed accounts", "get", CONNECTION, "account", "--key",
                "accountnumber=" + written.firstChanged(), "--select", "accountnumber,name,telephone1");
        return code;
    }

    private int step(String title, String... args) {
        out.println();
        out.println(colour("== " + title, "1"));
        out.println(colour("$ sluice " + java.util.Arrays.stream(args).map(DemoCommand::shellQuote)
                .collect(java.util.stream.Collectors.joining(" ")), "36"));
        out.flush();
        int code = child.execute(args);
        out.flush();
        return code;
    }

    private String colour(String text, String sgr) {
        return SluiceCommand.root(spec).environment().colour() ? "\u001b[" + sgr + "m" + text + "\u001b[0m" : text;
    }

    private void whatNext(Emulator emulator, Path home) {
        out.println("What to try next:");
        if (businessCentral) {
            out.println("  sluice demo --business-central --stay   # keep the emulator up and use the cronus connection");
            out.println("  sluice tables cronus");
            out.println("  sluice query cronus salesOrders --select number,customerName,totalAmountIncludingTax");
            out.println("  sluice demo                             # the Dataverse tour");
            return;
        }
        if (stay) {
            out.println("  export SLUICE_HOME=" + home);
        } else {
            out.println("  sluice demo --stay                    # keep the emulator up and use the demo connection");
        }
        out.println("  sluice tables demo");
        out.println("  sluice describe demo account");
        out.println("  sluice query demo account --filter \"revenue gt 1000000\" --format csv");
        out.println("  sluice export demo account --to changed.csv --incremental");
        out.println("  sluice demo --interactive             # browser sign-in as the demo user");
        out.println("  sluice emulator                       # the emulator on its own, port 7070");
        out.println("  sluice --help                         # every command, with examples");
    }

    /** Starts the server on the demo's store; prints where to go and how to sign in; waits for Ctrl+C. */
    private void serveUi(Emulator emulator, Path home) throws InterruptedException {
        out.println();
        out.flush();
        dev.sluice.store.SluiceStore store = dev.sluice.store.SluiceStore.builder().home(home).build();
        // the server prints the admin's one-time password once, on the process's standard output
        int port = servePort;
        if (port == 0) { // the server needs its public URL (the OAuth callback) before it binds
            try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        // the emulator is on loopback, which a server reaches only when told to (the outbound allowlist)
        dev.sluice.server.SluiceServer server = dev.sluice.server.SluiceServer.builder().store(store)
                .host("127.0.0.1").port(port).allowOutbound(emulator.orgUrl()).out(System.out).build().start();
        System.out.flush();
        out.println("The web UI and REST API are up at " + server.publicUrl() + "/");
        out.println("  Sign in as 'admin' with the one-time password printed above; you will choose a new one.");
        out.println("  The connection '" + CONNECTION + "' is there: open it, test it, browse accounts, grant others.");
        out.println("  To authorize a new connection in the browser, use the emulator's confidential app "
                + "1d6b2e3f-5c4a-4d7b-8e9f-2a3b4c5d6e7f (secret sluice-demo-web-secret) and sign in as "
                + "dana@demo.sluice.dev / sluice-demo-password.");
        out.println("The emulator stays up at " + emulator.orgUrl() + ". Press Ctrl+C to stop.");
        out.flush();
        UntilStopped stopped = UntilStopped.onShutdown("demo-serve-shutdown", () -> {
            server.close();
            store.close();
        });
        stopped.await();
    }

    private void stayUp(Emulator emulator) throws InterruptedException {
        out.println();
        out.println("The emulator stays up at " + emulator.orgUrl() + " (Web API " + emulator.webApiUrl() + ").");
        out.println("Press Ctrl+C to stop.");
        out.flush();
        UntilStopped stopped = UntilStopped.onShutdown("demo-shutdown", () -> { });
        stopped.await();
    }

    /** An argument as a POSIX shell would need it typed. */
    static String shellQuote(String arg) {
        return arg.matches("[A-Za-z0-9_./:=,@%+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
