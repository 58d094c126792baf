package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.TrustBundle;
import dev.sluice.server.SluiceServer;
import dev.sluice.store.SluiceStore;
import dev.sluice.testing.TestCa;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sluice serve} configured by {@code sluice.yaml}: the file, the environment over it, the flags over both. */
class ServeConfigTest {
    @TempDir
    Path home;

    private CliEnvironment env(Map<String, String> vars) {
        Map<String, String> all = new HashMap<>(vars);
        all.put(CliEnvironment.HOME, home.toString());
        return new CliEnvironment(all, new ByteArrayInputStream(new byte[0]), false, what -> null, url -> false,
                Clock.systemUTC());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The serve command as picocli parsed these arguments, and its effective configuration. */
    private SluiceConfig effective(CliEnvironment env, String... args) {
        CommandLine cl = SluiceCommand.commandLine(env);
        CommandLine.ParseResult parsed = cl.parseArgs(args);
        CommandLine.ParseResult sub = parsed.subcommand();
        ServeCommand serve = (ServeCommand) sub.commandSpec().userObject();
        return serve.effective(Engine.of(sub.commandSpec()));
    }

    @Test
    void theFileTheEnvironmentAndFlagsAreLayeredInThatOrder() throws Exception {
        Files.writeString(home.resolve("sluice.yaml"), "server:\n  port: 8443\n  host: 0.0.0.0\n  trusted-proxy: true\n");
        SluiceConfig fileOnly = effective(env(Map.of()), "serve");
        assertThat(fileOnly.<Integer>get("server.port")).isEqualTo(8443);
        assertThat(fileOnly.source("server.port")).isEqualTo("sluice.yaml:2");
        SluiceConfig withEnv = effective(env(Map.of("SLUICE_SERVER_PORT", "9443")), "serve");
        assertThat(withEnv.<Integer>get("server.port")).isEqualTo(9443);
        SluiceConfig withFlag = effective(env(Map.of("SLUICE_SERVER_PORT", "9443")), "serve", "--port", "10443");
        assertThat(withFlag.<Integer>get("server.port")).isEqualTo(10443);
        assertThat(withFlag.source("server.port")).isEqualTo("--port");
        assertThat(withFlag.<String>get("server.host")).isEqualTo("0.0.0.0");
        assertThat(withFlag.bool("server.trusted-proxy")).isTrue();
    }

    @Test
    void aServerConfiguredByTheFileSpeaksHttpsAndGuardsItsMetrics() throws Exception {
        TestCa ca = TestCa.create("Sluice Test CA");
        TestCa.Issued issued = ca.issue("localhost", TestCa.loopbackNames());
        Path cert = issued.writeChain(home.resolve("tls.pem"));
        Path key = issued.writeKey(home.resolve("tls.key"));
        int port = freePort();
        Files.writeString(home.resolve("sluice.yaml"), """
                server:
                  port: %d
                  tls:
                    cert: %s
                    key: %s
                  max-body-size: 2048
                """.formatted(port, cert, key));
        CliEnvironment env = env(Map.of("SLUICE_METRICS_TOKEN", "scraper-token-0123456789",
                "SLUICE_ADMIN_PASSWORD", "first-admin-pass"));
        SluiceConfig config = effective(env, "serve");
        try (SluiceStore store = ServeCommand.store(config, env);
                SluiceServer server = ServeCommand.builder(config, env, store).build().start()) {
            assertThat(server.publicUrl().toString()).isEqualTo("https://127.0.0.1:" + port);
            HttpClient http = HttpClient.newBuilder().sslContext(TrustBundle.load(ca.writeCertificate(
                    home.resolve("ca.pem")), null).sslContext()).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(server.publicUrl()
                    + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.headers().firstValue("Strict-Transport-Security")).isPresent();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(server.publicUrl() + "/metrics"))
                    .header("Authorization", "Bearer scraper-token-0123456789").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(server.publicUrl() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            HttpResponse<String> big = http.send(HttpRequest.newBuilder(URI.create(server.publicUrl()
                    + "/api/v1/session")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + "x".repeat(4000) + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(big.statusCode()).as("server.max-body-size from the file").isEqualTo(413);
        }
    }

    @Test
    void serveRefusesABadFileBeforeBindingAnything() throws Exception {
        Files.writeString(home.resolve("sluice.yaml"), "server:\n  port: 8443\n  tls:\n    cert: /nope.pem\n");
        Cli cli = new Cli(home);
        Cli.Result r = cli.run("serve");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(home.resolve("sluice.yaml").getFileName() + ":4: server.tls.cert needs "
                + "server.tls.key too");
        Files.writeString(home.resolve("sluice.yaml"), "server:\n  tls:\n    cert: /nope.pem\n    key: /nope.key\n");
        Cli.Result missing = cli.run("serve");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("server.tls.cert (sluice.yaml:3): TLS: cannot read /nope.pem (no such file)");
    }
}
