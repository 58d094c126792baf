package dev.sluice.cli;

import dev.sluice.core.SluiceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code sluice} command: entry point of the runnable jar. Not thread-safe; one per invocation. */
@Command(
        name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = SluiceCommand.Version.class,
        description = "Sluice: a safe, fast integration engine for Microsoft Dynamics 365 / Dataverse.",
        footer = {"", "Examples:",
            "  sluice demo                                   # the whole tour on a local emulator",
            "  sluice connection add contoso --org-url https://contoso.crm4.dynamics.com --auth authorization-code \\",
            "      --tenant contoso.onmicrosoft.com --client-id 51f81489-12ee-4a9e-aaae-a2591f45987d",
            "  sluice auth login contoso",
            "  sluice query contoso account --select name,revenue --filter \"revenue gt 1000000\" --top 10",
            "  sluice connection use contoso                 # a default: then sluice query account -o csv",
            "  source <(sluice completion)                   # Tab completion in this shell (bash, zsh)",
            "", "The store is in SLUICE_HOME (default ~/.sluice), or PostgreSQL with --store-url and the",
            "SLUICE_STORE_USER / SLUICE_STORE_PASSWORD environment variables.",
            "", "Exit codes: 0 ok, 1 internal error, 2 invalid input, 4 not found, 5 conflict,",
            "6 throttled, 7 authentication, 8 forbidden, 9 transient failure."})
public final class SluiceCommand implements Runnable {
    private final CliEnvironment environment;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean verbose;

    @Option(names = "--store-url", scope = ScopeType.INHERIT, paramLabel = "JDBC_URL",
            description = "A PostgreSQL store (jdbc:postgresql://host:5432/db) instead of the H2 file in SLUICE_HOME; "
                    + "user and password from SLUICE_STORE_USER and SLUICE_STORE_PASSWORD.")
    String storeUrl;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public SluiceCommand() {
        this(CliEnvironment.system());
    }

    public SluiceCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The surroundings this command runs in. */
    public CliEnvironment environment() {
        return environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * A command line with Sluice's error handling (one line per error, exit code by error kind), help laid out to
     * the terminal's width, and the default connection filled in where a command's connection name is left out;
     * every command built in full.
     */
    public static CommandLine commandLine(CliEnvironment environment) {
        return commandLine(environment, null);
    }

    /**
     * The same, to execute {@code args}: only the command they name is built in full (see {@link CommandTree}); the
     * others show in the root's help by name and description. {@code args} null builds every command.
     */
    public static CommandLine commandLine(CliEnvironment environment, String[] args) {
        CommandLine cmd = new CommandLine(new SluiceCommand(environment)) {
            @Override
            public int execute(String... args) {
                DefaultConnection.Insertion given;
                try {
                    given = DefaultConnection.insert(this, environment, args);
                } catch (SluiceException e) {
                    return Errors.report(this, e);
                }
                if (given.missing()) {
                    return Errors.missingConnection(given.command());
                }
                return super.execute(given.args());
            }
        };
        CommandTree.add(cmd, args);
        return HelpLayout.install(Errors.install(cmd), environment);
    }

    public static void main(String[] args) {
        // first, before anything loads the JDK's HTTP client (the emulator does): proxies may ask for Basic credentials
        dev.sluice.core.OutboundHttp.allowBasicProxyCredentials();
        withoutFlightRecorderProbe(args);
        CliEnvironment environment = CliEnvironment.system();
        EarlyStore.start(environment, args);
        int code;
        try {
            code = StandardOutput.install(commandLine(environment, args)).execute(args);
        } finally {
            EarlyStore.closeUnclaimed();
        }
        ProcessExit.exit(code);
    }

    /** The long-running commands: a profiler may attach to them with {@code jcmd … JFR.start}. */
    private static final java.util.Set<String> SERVERS = java.util.Set.of("serve", "emulator", "relay");

    /**
     * Jdbi asks on its first statement whether Java Flight Recorder is available ({@code FlightRecorder.isAvailable()}),
     * which loads and initialises JFR's metadata: about 90 classes and 0.2–0.3 s of a short command that opens the
     * store. The JDK's own switch {@code jfr.unsupported.vm} makes that answer "no" at once, so a short command sets it
     * (Jdbi then records no statement events). Left alone for the servers, for a JVM started with a recording (JFR is
     * up before {@code main}, so the switch changes nothing there), and when the property is given.
     */
    static void withoutFlightRecorderProbe(String[] args) {
        String named = CommandTree.named(args);
        if (System.getProperty("jfr.unsupported.vm") == null && (named == null || !SERVERS.contains(named))) {
            System.setProperty("jfr.unsupported.vm", "true");
        }
    }

    /** The root command of any command in the tree. */
    static SluiceCommand root(CommandLine.Model.CommandSpec spec) {
        return (SluiceCommand) spec.root().userObject();
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SluiceCommand.class.getPackage().getImplementationVersion();
            return new String[] {"sluice " + (v == null ? "development build" : v)};
        }
    }
}
