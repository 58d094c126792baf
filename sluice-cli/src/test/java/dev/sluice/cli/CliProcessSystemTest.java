package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.testing.WithEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a real process ({@code java -cp <test classpath> dev.sluice.cli.SluiceCommand}, what the jar runs),
 * plain and under a pseudo-terminal ({@code script} from util-linux) for the progress bar and the hidden prompt.
 */
@Tag("system")
@WithEmulator
class CliProcessSystemTest {
    static Emulator emulator;

    @TempDir
    Path home;

    record Run(int exitCode, String output) {}

    List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + Path.of("src/main/resources/logback.xml").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), "dev.sluice.cli.SluiceCommand"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs a command line; under {@code script -qec} when {@code terminal}, with {@code input} on stdin. */
    Run run(boolean terminal, String input, Map<String, String> env, List<String> cmd) throws Exception {
        return run(terminal, null, input, env, cmd);
    }

    /**
     * Like {@link #run(boolean, String, Map, List)}, but types {@code input} only once {@code prompt} was printed
     * (as a person would: type-ahead would be echoed by the terminal before the program turns echo off).
     */
    Run run(boolean terminal, String prompt, String input, Map<String, String> env, List<String> cmd) throws Exception {
        List<String> full = terminal ? List.of("script", "-qec", cmd.stream().map(DemoCommand::shellQuote)
                .collect(Collectors.joining(" ")), "/dev/null") : cmd;
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().put("SLUICE_HOME", home.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        StringBuilder seen = new StringBuilder();
        if (prompt != null) {
            var in = p.getInputStream();
            int c;
            while (seen.indexOf(prompt) < 0 && (c = in.read()) != -1) {
                seen.append((char) c);
            }
        }
        if (input != null) {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
        }
        p.getOutputStream().close();
        String out = seen + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the command ends by itself").isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void demoRunsEndToEndAsAProcessAndExits() throws Exception {
        Run r = run(false, null, Map.of(), java("demo"));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("Exported 4000 rows of account").contains("Done in")
                .doesNotContain("\u001b[").doesNotContain("Exception");
    }

    @Test
    void demoOnATerminalShowsAProgressBarAndColour() throws Exception {
        Run r = run(true, null, Map.of(), java("demo", "--accounts", "3000"));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("Exporting account").contains("rows/s").contains("\u001b[")
                .contains("Exported 3000 rows of account").contains("Done in");
    }

    @Test
    void theHiddenPromptReadsTheSecretWithoutEchoingIt() throws Exception {
        EmulatorIdentity id = emulator.identity().info();
        EmulatorIdentity.App app = id.app("Sluice Service").orElseThrow();
        String secret = app.secrets().get(0).reveal();
        Run add = run(true, "client secret:", secret + "\n", Map.of(), java("connection", "add", "prompted", "--org-url",
                emulator.orgUrl(), "--tenant", id.tenantId().toString(), "--auth", "client-secret", "--client-id",
                app.clientId().toString()));
        assertThat(add.exitCode()).as(add.output()).isZero();
        assertThat(add.output()).contains("client secret:").contains("Added connection 'prompted'")
                .doesNotContain(secret);
        Run login = run(false, null, Map.of(), java("auth", "login", "prompted"));
        assertThat(login.output()).contains("Authorized 'prompted'");
        Run test = run(false, null, Map.of(), java("connection", "test", "prompted"));
        assertThat(test.output()).contains("3f8d4a5b-7e6c-4f9d-a0b1-4c5d6e7f8091");
    }

    @Test
    void withoutATerminalThereIsNoPromptButAnErrorThatSaysWhatToDo() throws Exception {
        Run r = run(false, null, Map.of(), java("connection", "add", "noprompt", "--org-url", emulator.orgUrl(),
                "--auth", "client-secret", "--client-id", "2e7c3f4a-6d5b-4e8c-9fa0-3b4c5d6e7f80"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output()).isEqualTo("sluice: error: no terminal to prompt for the client secret; give it with "
                + "--client-secret-env NAME or --client-secret-file FILE\n");
    }

    @Test
    void helpListsEveryCommandWithExamplesAndExitCodes() throws Exception {
        Run r = run(false, null, Map.of(), java("--help"));
        assertThat(r.exitCode()).isZero();
        for (String c : List.of("demo", "connection", "auth", "tables", "describe", "query", "get", "create", "update",
                "upsert", "delete", "export", "import", "emulator")) {
            assertThat(r.output()).containsPattern("\\n  " + c + "\\s");
        }
        assertThat(r.output()).contains("Examples:").contains("Exit codes: 0 ok");
    }

    static String read(Path p) throws IOException {
        return Files.readString(p);
    }
}
