package dev.sluice.cli;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The training run of the launchers' class-data-sharing archive: {@code java -XX:ArchiveClassesAtExit=FILE -cp
 * sluice.jar dev.sluice.cli.StartupTraining} (on Java 25 or newer {@code -XX:AOTCacheOutput=FILE}, an AOT cache).
 * It runs, in this process and with nothing kept, what short commands and the user-path commands load: every
 * command's help, the version, and against an emulator on loopback with a throwaway store {@code connection add},
 * {@code list}, {@code test}, {@code auth status}, {@code tables}, small queries in each format, an import by key,
 * an export and a flow run. The JVM then writes every class it loaded into the archive, and later starts map them
 * ready-parsed and verified instead of reading them from the jar (see the {@code sluice} launchers). Exits 0 when
 * every step ran; prints nothing (the launcher runs it in the background).
 */
public final class StartupTraining {
    private static final String SECRET_VARIABLE = "SLUICE_TRAINING_SECRET";

    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        SluiceCommand.withoutFlightRecorderProbe(new String[] {"connection"});
        Path home = Files.createTempDirectory("sluice-training");
        int failed = 0;
        try (Emulator emulator = Emulator.builder().host("127.0.0.1").port(0).seed("accounts", 20).start()) {
            EmulatorIdentity id = emulator.identity().info();
            EmulatorIdentity.App app = id.app("Sluice Service").orElseThrow();
            CliEnvironment env = new CliEnvironment(Map.of(CliEnvironment.HOME, home.toString(), SECRET_VARIABLE,
                    app.secrets().get(0).reveal(), "SLUICE_OUTBOUND_PROXY", "direct", SluiceConfig.CONFIG_VARIABLE, ""),
                    new java.io.ByteArrayInputStream(new byte[0]), false, prompt -> null, url -> false,
                    Clock.systemUTC());
            help(env);
            List<String[]> runs = new ArrayList<>();
            runs.add(new String[] {"--version"});
            runs.add(new String[] {"--help"});
            runs.add(new String[] {"connection", "add", "t", "--org-url", emulator.orgUrl(), "--tenant",
                id.tenantId().toString(), "--auth", "client-secret", "--client-id", app.clientId().toString(),
                "--client-secret-env", SECRET_VARIABLE});
            runs.add(new String[] {"connection", "list"});
            runs.add(new String[] {"connection", "test", "t"});
            runs.add(new String[] {"auth", "status", "t"});
            runs.add(new String[] {"tables", "t"});
            for (String format : List.of("table", "jsonl", "csv", "json")) {
                runs.add(new String[] {"query", "t", "account", "--select", "accountnumber,name,revenue", "--top", "5",
                    "--format", format});
            }
            // the user-path commands: an import by key, an export and a flow, on a few rows
            Path contacts = home.resolve("training-contacts.csv");
            Files.writeString(contacts, "emailaddress1,firstname,lastname\n"
                    + "training1@example.com,Ada,Lovelace\ntraining2@example.com,Alan,Turing\n");
            runs.add(new String[] {"import", "t", "contact", "--from", contacts.toString(), "--key", "emailaddress1"});
            runs.add(new String[] {"export", "t", "account", "--select", "accountnumber,name", "--to",
                home.resolve("training-accounts.csv").toString()});
            // and a flow: the same file upserted by key (the flow's parser, checks, CEL and runner)
            Path flow = home.resolve("training.flow.yaml");
            Files.writeString(flow, String.join("\n", "flow: training",
                    "connections:", "  files: { directory: \"" + home.toString().replace("\\", "/") + "\" }",
                    "source: { connection: files, table: training-contacts.csv }",
                    "map:", "  emailaddress1: emailaddress1", "  firstname: firstname", "  lastname: lastname",
                    "target: { connection: t, table: contact, write: upsert, key: [emailaddress1] }", ""));
            runs.add(new String[] {"flow", "run", flow.toString()});
            for (String[] run : runs) {
                failed += SluiceCommand.commandLine(env, run).setOut(nowhere()).setErr(nowhere()).execute(run) == 0
                        ? 0 : 1;
            }
        } finally {
            DemoCommand.deleteTree(home);
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Every command's usage, as {@code --help} and {@code help NAME} render it. */
    private static void help(CliEnvironment env) {
        CommandLine all = SluiceCommand.commandLine(env);
        for (CommandLine c : all.getSubcommands().values()) {
            c.usage(nowhere());
            for (CommandLine sub : c.getSubcommands().values()) {
                sub.usage(nowhere());
            }
        }
    }

    private static PrintWriter nowhere() {
        return new PrintWriter(OutputStream.nullOutputStream());
    }
}
