package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.testing.WithEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What a CLI used every day offers: help as wide as the terminal whose examples can be copied, {@code -o} for
 * {@code --format}, a default connection, and shell completion.
 */
@WithEmulator(seed = {"accounts=12"})
class CliConveniencesTest {
    static Emulator emulator;

    @TempDir
    Path home;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(home);
    }

    @Test
    void everyExampleLineOfEveryHelpIsPrintedWholeAtAnyWidth() {
        for (String columns : List.of("60", "200")) {
            cli.variables.put("COLUMNS", columns);
            for (List<String> command : commands()) {
                List<String> args = new ArrayList<>(command);
                args.add("--help");
                Cli.Result r = cli.run(args.toArray(String[]::new));
                assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
                List<String> printed = r.out().lines().toList();
                for (String example : examples(command)) {
                    assertThat(printed).as(String.join(" ", args) + " at " + columns + " columns").contains(example);
                }
            }
        }
    }

    @Test
    void helpWrapsProseToTheTerminalWidth() {
        cli.variables.put("COLUMNS", "200");
        String wide = Cli.expectOk(cli.run("--help")).out();
        assertThat(wide.lines()).anySatisfy(l -> assertThat(l).contains("A PostgreSQL store (jdbc:postgresql://host:5432"
                + "/db) instead of the H2 file in SLUICE_HOME; user and password from SLUICE_STORE_USER and"));
        assertThat(wide.lines()).contains("The store is in SLUICE_HOME (default ~/.sluice), or PostgreSQL with "
                + "--store-url and the SLUICE_STORE_USER / SLUICE_STORE_PASSWORD environment variables.");

        cli.variables.put("COLUMNS", "64");
        String narrow = Cli.expectOk(cli.run("--help")).out();
        List<String> examples = examples(List.of());
        assertThat(narrow.lines().filter(l -> !examples.contains(l)))
                .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(64));
    }

    @Test
    void dashOIsTheShortFormOfFormat() {
        cli.serviceConnection(emulator, "org");
        String csv = Cli.expectOk(cli.run("query", "org", "account", "--select", "accountnumber", "--filter",
                "startswith(accountnumber,'ACC-')", "--order-by", "accountnumber", "--top", "2", "-o", "csv")).out();
        assertThat(csv).isEqualTo("accountnumber\r\nACC-0000001\r\nACC-0000002\r\n");
        assertThat(Cli.expectOk(cli.run("get", "org", "account", "--key", "accountnumber=ACC-0000001", "--select",
                "accountnumber", "-o", "csv")).out()).isEqualTo("accountnumber\r\nACC-0000001\r\n");
    }

    @Test
    void aDefaultConnectionIsUsedWhenTheNameIsLeftOutAndATypedNameOverridesIt() {
        cli.serviceConnection(emulator, "org").serviceConnection(emulator, "other");
        Cli.Result none = cli.run("query", "account", "--top", "1");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("no connection given and no default connection set")
                .contains("sluice connection use NAME");

        assertThat(Cli.expectOk(cli.run("connection", "use", "org")).out()).contains("The default connection is now 'org'");
        assertThat(Cli.expectOk(cli.run("connection", "use")).out()).isEqualTo("The default connection is 'org'.\n");
        assertThat(Cli.expectOk(cli.run("connection", "list")).out()).contains("org (default)")
                .doesNotContain("other (default)");
        String csv = Cli.expectOk(cli.run("query", "account", "--select", "accountnumber", "--filter",
                "startswith(accountnumber,'ACC-')", "--order-by", "accountnumber", "--top", "1", "-o", "csv")).out();
        assertThat(csv).isEqualTo("accountnumber\r\nACC-0000001\r\n");
        assertThat(Cli.expectOk(cli.run("connection", "test")).out()).startsWith("Connection 'org' works");
        assertThat(Cli.expectOk(cli.run("describe", "account")).out()).startsWith("Table account");
        assertThat(Cli.expectOk(cli.run("--verbose", "tables")).out()).contains("contact");
        String created = Cli.expectOk(cli.run("create", "account", "{\"name\":\"By default\"}")).out();
        assertThat(created).containsPattern("[0-9a-f]{8}-");

        // typed names win, and SLUICE_CONNECTION overrides the stored default for a shell
        assertThat(Cli.expectOk(cli.run("connection", "test", "other")).out()).startsWith("Connection 'other' works");
        cli.variables.put(DefaultConnection.VARIABLE, "other");
        assertThat(Cli.expectOk(cli.run("connection", "test")).out()).startsWith("Connection 'other' works");
        cli.variables.remove(DefaultConnection.VARIABLE);

        Cli.Result unknown = cli.run("connection", "use", "orgg");
        assertThat(unknown.exitCode()).isEqualTo(4);
        assertThat(unknown.err()).contains("did you mean 'org'?");

        Cli.expectOk(cli.run("connection", "edit", "org", "--rename", "main"));
        assertThat(Cli.expectOk(cli.run("connection", "use")).out()).isEqualTo("The default connection is 'main'.\n");
        assertThat(Cli.expectOk(cli.run("connection", "remove", "main")).out()).contains("there is none now");
        assertThat(cli.run("tables").exitCode()).isEqualTo(2);
    }

    @Test
    void completionScriptCompletesCommandsInBash() throws Exception {
        String script = Cli.expectOk(cli.run("completion")).out();
        assertThat(script).contains("complete -F _complete_sluice");
        Path file = home.resolve("sluice-completion.bash");
        Files.writeString(file, script);
        String probe = "source " + file + "; COMP_WORDS=(sluice connec); COMP_CWORD=1; COMP_LINE='sluice connec'; "
                + "COMP_POINT=${#COMP_LINE}; _complete_sluice; echo \"${COMPREPLY[@]}\"; "
                + "COMP_WORDS=(sluice connection u); COMP_CWORD=2; COMP_LINE='sluice connection u'; "
                + "COMP_POINT=${#COMP_LINE}; _complete_sluice; echo \"${COMPREPLY[@]}\"";
        Process bash = new ProcessBuilder("bash", "-c", probe).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out.lines().toList()).as(out).containsExactly("connection", "use");
        assertThat(cli.run("completion", "fish").exitCode()).isEqualTo(2);
    }

    /** Every command path of the tree, root first. */
    private static List<List<String>> commands() {
        List<List<String>> out = new ArrayList<>();
        walk(SluiceCommand.commandLine(CliEnvironment.system()), new ArrayList<>(), out);
        return out;
    }

    private static void walk(CommandLine cmd, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        cmd.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help") && sub.getCommandName().equals(name)) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                walk(sub, next, out);
            }
        });
    }

    /** The indented lines of a command's footer: its examples, as written in the source. */
    private static List<String> examples(List<String> path) {
        CommandLine cmd = SluiceCommand.commandLine(CliEnvironment.system());
        for (String name : path) {
            cmd = cmd.getSubcommands().get(name);
        }
        List<String> out = new ArrayList<>();
        for (String line : cmd.getCommandSpec().usageMessage().footer()) {
            if (line.startsWith("  ")) {
                out.add(line.stripTrailing());
            }
        }
        return out;
    }
}
