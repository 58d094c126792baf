package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.testing.TestCa;
import dev.sluice.testing.TestProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI behind a corporate proxy that inspects TLS with its own CA: HTTPS_PROXY (or sluice.yaml's outbound.proxy)
 * and the CA bundle make sign-in and the Web API work, everything counted by a real forward proxy on loopback; the
 * org's address answers only through the proxy. A connection's own proxy with Basic credentials takes over for it.
 */
class OutboundCliTest {
    @TempDir
    static Path certs;
    static Emulator emulator;
    static Path caFile;
    static String hidden;

    @TempDir
    Path home;
    Cli cli;
    TestProxy proxy;

    @BeforeAll
    static void start() throws IOException {
        TestCa ca = TestCa.create("Contoso Inspection CA");
        TestCa.Issued issued = ca.issue("localhost", TestCa.loopbackNames());
        emulator = Emulator.builder().tls(issued.writeChain(certs.resolve("cert.pem")),
                issued.writeKey(certs.resolve("key.pem"))).start();
        caFile = ca.writeCertificate(certs.resolve("ca.pem"));
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            hidden = "localhost:" + s.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void setUp() {
        cli = new Cli(home);
    }

    private void addAndSignIn() {
        EmulatorIdentity id = emulator.identity().info();
        EmulatorIdentity.App app = id.app("Sluice Service").orElseThrow();
        cli.variables.put(Cli.SECRET_VARIABLE, app.secrets().get(0).reveal());
        Cli.expectOk(cli.run("connection", "add", "contoso", "--org-url", "https://" + hidden, "--tenant",
                id.tenantId().toString(), "--auth", "client-secret", "--client-id", app.clientId().toString(),
                "--client-secret-env", Cli.SECRET_VARIABLE));
        Cli.expectOk(cli.run("auth", "login", "contoso"));
    }

    @Test
    void httpsProxyAndTheExtraCaCarrySignInAndTheWebApi() {
        try (TestProxy p = TestProxy.start().route(hidden, emulator.port())) {
            cli.variables.put("HTTPS_PROXY", p.url());
            cli.variables.put("SLUICE_OUTBOUND_CA", caFile.toString());
            addAndSignIn();
            assertThat(Cli.expectOk(cli.run("connection", "test", "contoso")).out()).contains("Connection 'contoso' works");
            assertThat(p.tunnels()).hasSizeGreaterThanOrEqualTo(2).allMatch(hidden::equals);

            cli.variables.remove("SLUICE_OUTBOUND_CA");
            Cli.Result untrusted = cli.run("connection", "test", "contoso");
            assertThat(untrusted.exitCode()).as(untrusted.toString()).isEqualTo(8);
            assertThat(untrusted.err()).contains("TLS: the certificate of https://" + hidden + " is not signed by a CA "
                    + "this Java trusts; if your network inspects TLS with its own CA (a corporate proxy does), trust "
                    + "that CA: outbound.ca in sluice.yaml or SLUICE_OUTBOUND_CA");
        }
    }

    @Test
    void theConfigFileCanNameTheProxyAndTheCaInstead() throws Exception {
        try (TestProxy p = TestProxy.start().route(hidden, emulator.port())) {
            Files.writeString(home.resolve("sluice.yaml"), "outbound:\n  proxy: " + p.url() + "\n  ca: " + caFile
                    + "\n");
            addAndSignIn();
            Cli.expectOk(cli.run("connection", "test", "contoso"));
            assertThat(p.tunnels()).isNotEmpty().allMatch(hidden::equals);
        }
    }

    @Test
    void aConnectionsOwnProxyWithBasicCredentialsTakesOverAndThePasswordIsNeverShown() {
        String password = "pr0xy-" + System.nanoTime();
        try (TestProxy processWide = TestProxy.start().route(hidden, emulator.port());
                TestProxy own = TestProxy.withBasicAuth("svc-sluice", password).route(hidden, emulator.port())) {
            cli.variables.put("HTTPS_PROXY", processWide.url());
            cli.variables.put("SLUICE_OUTBOUND_CA", caFile.toString());
            addAndSignIn();
            cli.variables.put("PROXY_PASSWORD", password);
            Cli.Result set = Cli.expectOk(cli.run("connection", "proxy", "contoso", "--url", own.url(), "--user",
                    "svc-sluice", "--password-env", "PROXY_PASSWORD"));
            assertThat(set.out()).isEqualTo("Connection 'contoso' goes through " + own.url()
                    + " as svc-sluice (password stored encrypted).\n");
            int before = processWide.tunnels().size();
            Cli.expectOk(cli.run("connection", "test", "contoso"));
            assertThat(own.tunnels()).isNotEmpty().allMatch(hidden::equals);
            assertThat(processWide.tunnels()).hasSize(before);
            Cli.Result show = Cli.expectOk(cli.run("connection", "proxy", "contoso"));
            assertThat(show.out()).contains("goes through " + own.url() + " as svc-sluice (password stored)")
                    .doesNotContain(password);

            Cli.expectOk(cli.run("connection", "proxy", "contoso", "--clear"));
            Cli.expectOk(cli.run("connection", "test", "contoso"));
            assertThat(processWide.tunnels().size()).isGreaterThan(before);
        }
    }

    @Test
    void aProxyPasswordIsNeverTakenAsAnArgument() {
        Cli.Result r = cli.run("connection", "proxy", "contoso", "--url", "http://p:3128", "--user", "u", "--password",
                "hunter2");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("hunter2");
    }
}
