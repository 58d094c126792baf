package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.testing.WithEmulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI and {@code sluice serve} on one SLUICE_HOME at the same time, as people run them on one machine: the
 * server is a real process, the CLI commands run while it serves (in this JVM and as a process of their own), and
 * both see each other's changes. The server starts without a WARN line.
 */
@Tag("system")
@WithEmulator(seed = {"accounts=20"})
class CliNextToServerSystemTest {
    static Emulator emulator;

    @TempDir
    Path home;

    @Test
    void cliCommandsWorkWhileTheServerRunsOnTheSameHomeAndAfterItStops() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(java("serve", "--port", String.valueOf(port))).redirectErrorStream(true);
        pb.environment().put("SLUICE_HOME", home.toString());
        pb.environment().put("SLUICE_ADMIN_PASSWORD", "first-admin-password-1");
        Process server = pb.start();
        List<String> serverOutput = Collections.synchronizedList(new ArrayList<>());
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                serverOutput.add(line);
                if (line.startsWith("Sluice server on ")) {
                    break;
                }
            }
            assertThat(line).as(String.join("\n", serverOutput)).isNotNull();
            Thread reader = new Thread(() -> lines.lines().forEach(serverOutput::add), "server-output");
            reader.setDaemon(true);
            reader.start();

            Cli cli = new Cli(home);
            cli.serviceConnection(emulator, "crm");
            assertThat(Cli.expectOk(cli.run("connection", "list")).out()).contains("crm").contains("authorized");
            assertThat(Cli.expectOk(cli.run("connection", "test", "crm")).out()).contains("works");
            assertThat(Cli.expectOk(cli.run("query", "crm", "account", "--select", "name", "--top", "3",
                    "--format", "csv")).out().lines().count()).isEqualTo(4);

            ProcessBuilder list = new ProcessBuilder(java("connection", "list")).redirectErrorStream(true);
            list.environment().put("SLUICE_HOME", home.toString());
            Process p = list.start();
            String listed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(listed).isZero();
            assertThat(listed).contains("crm");

            // the server reads what the CLI wrote, and its store still answers
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + port);
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(base.resolve("/health/ready"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/session"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"user\":\"admin\",\"password\":\"first-admin-password-1\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        } finally {
            server.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
        }
        assertThat(serverOutput).noneMatch(l -> l.contains("WARN") || l.contains("ERROR"));

        // the server is gone: the CLI opens the store itself again
        Cli cli = new Cli(home);
        assertThat(Cli.expectOk(cli.run("connection", "test", "crm")).out()).contains("works");
    }

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + Path.of("src/main/resources/logback.xml").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), "dev.sluice.cli.SluiceCommand"));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
