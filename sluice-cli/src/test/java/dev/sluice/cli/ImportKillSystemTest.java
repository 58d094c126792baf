package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.emulator.Emulator;
import dev.sluice.testing.WithEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real {@code sluice import} process half-way, then the same command again: every good line
 * is a row exactly once, and the rejects file holds every bad line exactly once, in input order.
 */
@Tag("system")
@WithEmulator
class ImportKillSystemTest {
    static final int LINES = 20_000;
    static Emulator emulator;

    @TempDir
    Path home;

    @Test
    void anImportKilledHalfWayAndRunAgainWritesEveryLineOnce() throws Exception {
        Cli cli = new Cli(home).serviceConnection(emulator, "org");
        List<String> lines = new ArrayList<>(List.of("lastname,subject,estimatedamount"));
        StringBuilder expectedRejects = new StringBuilder("line,error,lastname,subject,estimatedamount\r\n");
        for (int i = 0; i < LINES; i++) {
            boolean bad = i % 997 == 0;
            lines.add(String.format("Killed-%05d,killed,%s", i, bad ? "lots" : i + ".25"));
            if (bad) {
                expectedRejects.append(i + 2).append(",\"column 'estimatedamount' takes a number such as 1234.56, not "
                        + "'lots'\",").append(String.format("Killed-%05d,killed,lots", i)).append("\r\n");
            }
        }
        Path input = home.resolve("killed.csv");
        Files.write(input, lines, StandardCharsets.UTF_8);
        Path checkpoint = ImportCheckpoint.fileFor(input.toAbsolutePath().normalize());

        killAThirdOfTheWayIn(input, "first-run.log", "import", "org", "lead", "--from", input.toString(),
                "--chunk-size", "100");
        long acknowledged = ImportCheckpoint.read(input.toAbsolutePath().normalize()).records();
        assertThat(acknowledged).isLessThan(LINES);

        Cli.Result again = cli.run("import", "org", "lead", "--from", input.toString(), "--chunk-size", "100");

        int bad = (LINES + 996) / 997;
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(2);
        assertThat(again.out()).contains(", " + bad + " rejected (resumed after line ");
        assertThat(Files.readString(home.resolve("killed.rejects.csv"))).isEqualTo(expectedRejects.toString());
        assertThat(checkpoint).doesNotExist();
        List<String> names = Cli.expectOk(cli.run("query", "org", "lead", "--select", "lastname", "--filter",
                "subject eq 'killed'", "--format", "csv")).out().lines().skip(1).toList();
        Set<String> distinct = new HashSet<>(names);
        assertThat(names).hasSize(LINES - bad);
        assertThat(distinct).hasSize(LINES - bad);
    }

    @Test
    void anImportByKeyOfNewRowsKilledHalfWayAndRunAgainWritesEveryRowOnceAndCountsEachLineOnce() throws Exception {
        Cli cli = new Cli(home).serviceConnection(emulator, "org");
        List<String> lines = new ArrayList<>(List.of("emailaddress1,lastname,jobtitle"));
        for (int i = 0; i < LINES; i++) {
            lines.add(String.format("killed-%05d@example.test,Keyed %05d,Buyer", i, i));
        }
        Path input = home.resolve("keyed.csv");
        Files.write(input, lines, StandardCharsets.UTF_8);
        Path checkpoint = ImportCheckpoint.fileFor(input.toAbsolutePath().normalize());

        // chunks of new rows go as CreateMultiple without a read: the kill lands while some are in flight
        killAThirdOfTheWayIn(input, "first-keyed-run.log", "import", "org", "contact", "--from", input.toString(),
                "--key", "emailaddress1", "--chunk-size", "100");
        ImportCheckpoint kept = ImportCheckpoint.read(input.toAbsolutePath().normalize());
        assertThat(kept.records()).isLessThan(LINES);
        assertThat(kept.counts().created()).isEqualTo(kept.records());

        Cli.Result again = cli.run("import", "org", "contact", "--from", input.toString(), "--key", "emailaddress1",
                "--chunk-size", "100");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        // lines written after the last checkpoint and before the kill are found written: unchanged
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Imported into contact: (\\d+) created, 0 updated, "
                + "(\\d+) unchanged, 0 rejected \\(resumed after line \\d+\\)\\.").matcher(again.out().strip());
        assertThat(m.matches()).as(again.out()).isTrue();
        assertThat(Long.parseLong(m.group(1)) + Long.parseLong(m.group(2))).isEqualTo(LINES);
        assertThat(checkpoint).doesNotExist();
        List<String> keys = Cli.expectOk(cli.run("query", "org", "contact", "--select", "emailaddress1", "--filter",
                "startswith(emailaddress1,'killed-')", "--format", "csv")).out().lines().skip(1).toList();
        assertThat(keys).hasSize(LINES);
        assertThat(new HashSet<>(keys)).hasSize(LINES);
    }

    /**
     * Runs {@code sluice args} in a JVM of its own (output to {@code log} in the home) and kills it with SIGKILL once
     * its checkpoint for {@code input} holds a third of the lines; fails if it ended before that.
     */
    private void killAThirdOfTheWayIn(Path input, String log, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dlogback.configurationFile=" + Path.of("src/main/resources/logback.xml").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), "dev.sluice.cli.SluiceCommand"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve(log).toFile());
        pb.environment().put("SLUICE_HOME", home.toString());
        Process p = pb.start();
        Path normalized = input.toAbsolutePath().normalize();
        Path checkpoint = ImportCheckpoint.fileFor(normalized);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20)).until(() -> !p.isAlive()
                || (Files.exists(checkpoint) && ImportCheckpoint.read(normalized) != null
                        && ImportCheckpoint.read(normalized).records() >= LINES / 3));
        assertThat(p.isAlive()).as("the import is still running when it is killed").isTrue();
        p.destroyForcibly().waitFor();
    }
}
