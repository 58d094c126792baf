package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.testing.WithEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --incremental} never destroys a delta that was not read yet: through the real command. */
@WithEmulator(seed = {"accounts=30"})
class IncrementalExportTest {
    static Emulator emulator;

    @TempDir
    Path home;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(home).serviceConnection(emulator, "org");
    }

    Cli.Result export(String to, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("export", "org", "account", "--to",
                home.resolve(to).toString(), "--select", "accountnumber,name", "--incremental"));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    void rename(String accountnumber, String name) {
        Cli.expectOk(cli.run("update", "org", "account", "--key", "accountnumber=" + accountnumber,
                "{\"name\":\"" + name + "\"}"));
    }

    @Test
    void aSecondDeltaIsRefusedWhileThePreviousOneIsStillThereAndNothingIsLost() throws Exception {
        Cli.expectOk(export("changes.csv"));
        String first = Files.readString(home.resolve("changes.csv"));
        rename("ACC-0000001", "Unread change");

        Cli.Result second = export("changes.csv");

        assertThat(second.exitCode()).isEqualTo(5);
        assertThat(second.err()).contains(home.resolve("changes.csv") + " already holds a delta that may not have "
                + "been read yet; nothing was exported. Move or delete it when it is consumed, or let each run write "
                + "a new file (--to 'changes-{n}.csv' or --to 'changes-{timestamp}.csv'), or add each delta to its end "
                + "(--append)");
        assertThat(Files.readString(home.resolve("changes.csv"))).isEqualTo(first);
        // once it is consumed, the next run writes what changed since the first one: the change is not lost
        Files.delete(home.resolve("changes.csv"));
        Cli.expectOk(export("changes.csv"));
        assertThat(Files.readAllLines(home.resolve("changes.csv"))).hasSize(2)
                .anyMatch(l -> l.endsWith(",ACC-0000001,Unread change,"));
    }

    @Test
    void aNumberedNameGetsANewFileEachRun() throws Exception {
        assertThat(Cli.expectOk(export("numbered-{n}.csv")).out()).contains("numbered-1.csv");
        rename("ACC-0000002", "Second run");
        assertThat(Cli.expectOk(export("numbered-{n}.csv")).out()).contains("Exported 1 rows")
                .contains("numbered-2.csv");
        rename("ACC-0000003", "Third run");
        Files.delete(home.resolve("numbered-1.csv"));
        assertThat(Cli.expectOk(export("numbered-{n}.csv")).out()).contains("numbered-3.csv");
        assertThat(Files.readAllLines(home.resolve("numbered-2.csv"))).containsExactly(
                "accountid,accountnumber,name,sluice_deleted", Files.readAllLines(home.resolve("numbered-2.csv"))
                        .get(1)).anyMatch(l -> l.endsWith(",ACC-0000002,Second run,"));
        assertThat(Files.readAllLines(home.resolve("numbered-3.csv"))).hasSize(2)
                .anyMatch(l -> l.endsWith(",ACC-0000003,Third run,"));
    }

    @Test
    void aTimestampedNameGetsTheRunsTime() throws Exception {
        Cli.expectOk(export("stamped-{timestamp}.jsonl"));
        Cli.expectOk(export("stamped-{timestamp}.jsonl"));
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("stamped-")
                    && n.endsWith(".jsonl"))).hasSize(2)
                    .allMatch(n -> n.matches("stamped-\\d{8}T\\d{6}Z(-2)?\\.jsonl"));
        }
    }

    @Test
    void appendAddsEachDeltaToTheEndOfTheFileWithOneHeader() throws Exception {
        Cli.expectOk(export("appended.csv", "--append"));
        long firstLines = Files.readAllLines(home.resolve("appended.csv")).size();
        rename("ACC-0000004", "Appended");
        Cli.expectOk(export("appended.csv", "--append"));
        List<String> lines = Files.readAllLines(home.resolve("appended.csv"));
        assertThat(lines).hasSize((int) firstLines + 1);
        assertThat(lines.get(lines.size() - 1)).endsWith(",ACC-0000004,Appended,");
        assertThat(lines.stream().filter(l -> l.startsWith("accountid,"))).hasSize(1);
    }

    @Test
    void patternsAndAppendAreForIncrementalExportsOnly() {
        Cli.Result r = cli.run("export", "org", "account", "--to", home.resolve("full-{n}.csv").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("{n} and {timestamp} in --to are for --incremental exports");
        Cli.Result both = export("x-{n}.csv", "--append");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--append adds each delta to one file");
    }
}
