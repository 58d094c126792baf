package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.WireLatency;
import dev.sluice.testing.WithEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real {@code sluice export} process part of the way through, then the same command again: the
 * file is byte for byte what an export that was never interrupted writes, and the second run says where it resumed.
 * The export's checkpoints are written over each other in place ({@link StateFile}), so this is also
 * the check that a killed process leaves one of them whole.
 */
@Tag("system")
@WithEmulator(seed = {"accounts=30000"})
class ExportKillSystemTest {
    static final int ROWS = 30_000;
    static Emulator emulator;

    @TempDir
    Path home;

    @AfterEach
    void noLatency() {
        emulator.latency(WireLatency.NONE);
    }

    @Test
    void anExportKilledPartOfTheWayAndRunAgainWritesTheSameFileAsOneThatWasNot() throws Exception {
        Cli cli = new Cli(home).serviceConnection(emulator, "org");
        Path full = home.resolve("full.csv");
        Cli.expectOk(cli.run("export", "org", "account", "--select", "accountnumber,name,revenue", "--to",
                full.toString()));
        assertThat(Files.readAllLines(full)).hasSize(ROWS + 1);

        // a round trip of 150 ms a page (5000 rows), so the kill lands while pages are still coming
        emulator.latency(new WireLatency(Duration.ofMillis(150), Duration.ZERO, Duration.ZERO, Duration.ZERO));
        Path target = home.resolve("killed.csv");
        Path logback = Path.of("src/main/resources/logback.xml").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dlogback.configurationFile=" + logback, "-cp", System.getProperty("java.class.path"),
                "dev.sluice.cli.SluiceCommand", "export", "org", "account", "--select", "accountnumber,name,revenue",
                "--to", target.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("killed.log").toFile());
        pb.environment().put("SLUICE_HOME", home.toString());
        Process p = pb.start();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20)).until(() -> !p.isAlive()
                || (ExportState.read(target) != null && ExportState.read(target).rows() >= ROWS / 3));
        assertThat(p.isAlive()).as("the export is still running when it is killed").isTrue();
        p.destroyForcibly().waitFor();
        ExportState left = ExportState.read(target);
        assertThat(left.rows()).isBetween((long) ROWS / 3, (long) ROWS - 1);
        assertThat(home.resolve("killed.csv.part")).exists();
        assertThat(target).doesNotExist();

        emulator.latency(WireLatency.NONE);
        Cli.Result again = Cli.expectOk(cli.run("export", "org", "account", "--select", "accountnumber,name,revenue",
                "--to", target.toString()));
        assertThat(again.out()).contains("Exported " + ROWS + " rows").contains("(resumed after ");
        assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(full));
        assertThat(ExportState.fileFor(target)).doesNotExist();
    }
}
