package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice.yaml} and the {@code SLUICE_…} variables through {@code sluice config check}: every problem with its
 * file and line (or variable), environment over file, secrets masked, and the TLS and CA files checked as serve would.
 */
class ConfigCheckTest {
    @TempDir
    Path home;
    @TempDir
    Path etc;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(home);
    }

    private Path config(String yaml) throws Exception {
        Path f = etc.resolve("sluice.yaml");
        Files.writeString(f, yaml);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        cli.variables.put("SLUICE_CONFIG", f.toString());
        return f;
    }

    @Test
    void withNoFileTheDefaultsAreShownAndValid() {
        Cli.Result r = Cli.expectOk(cli.run("config", "check"));
        assertThat(r.out()).contains("Configuration file: none (SLUICE_CONFIG is not set and "
                + home.resolve("sluice.yaml") + " does not exist)")
                .containsPattern("server\\.port +8080 +default")
                .containsPattern("server\\.host +127\\.0\\.0\\.1 +default")
                .containsPattern("outbound\\.proxy +not set")
                .contains("https requests: direct")
                .contains("The configuration is valid.");
    }

    @Test
    void everyProblemIsReportedWithItsFileAndLine() throws Exception {
        Path f = config("""
                server:
                  host: 0.0.0.0
                  prot: 8443
                  port: eighty
                  tls:
                    cert: [a, b]
                outbound:
                  proxy: socks5://proxy:1080
                metrics: 12
                """);
        Cli.Result r = cli.run("config", "check");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("configuration has 5 problems:")
                .contains(f + ":3: unknown setting 'server.prot' (did you mean 'server.port'?)")
                .contains(f + ":4: server.port must be a port number 0..65535, got 'eighty'")
                .contains(f + ":6: server.tls.cert takes one value, not a list")
                .contains(f + ":8: outbound.proxy names a socks5:// proxy; Sluice speaks to HTTP proxies only")
                .contains(f + ":9: metrics is a section: put its settings under it, e.g. metrics.token");
    }

    @Test
    void aYamlSyntaxErrorNamesItsLine() throws Exception {
        Path f = config("server:\n  port: 8443\n   host: x\n");
        Cli.Result r = cli.run("config", "check");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("configuration: " + f + ":3: not valid YAML:");
    }

    @Test
    void aKeyTwiceIsAnError() throws Exception {
        Path f = config("server:\n  port: 8443\n  port: 9443\n");
        assertThat(cli.run("config", "check").err()).contains(f + ":3: server.port appears twice (first on line 2)");
    }

    @Test
    void environmentVariablesOverrideTheFileAndSayWhereValuesComeFrom() throws Exception {
        config("""
                server:
                  port: 8443
                  allow-hosts:
                    - 127.0.0.1:7070
                    - crm.internal.example
                """);
        cli.variables.put("SLUICE_SERVER_PORT", "9443");
        cli.variables.put("SLUICE_SERVER_TRUSTED_PROXY", "yes");
        Cli.Result r = Cli.expectOk(cli.run("config", "check"));
        assertThat(r.out()).containsPattern("server\\.port +9443 +SLUICE_SERVER_PORT")
                .containsPattern("server\\.trusted-proxy +true +SLUICE_SERVER_TRUSTED_PROXY")
                .containsPattern("server\\.allow-hosts +127\\.0\\.0\\.1:7070,crm\\.internal\\.example +sluice\\.yaml:3");
        cli.variables.put("SLUICE_SERVER_PORT", "x");
        Cli.Result bad = cli.run("config", "check");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("SLUICE_SERVER_PORT (server.port): must be a port number 0..65535, got 'x'");
    }

    @Test
    void secretsAreMaskedWhereverTheyComeFrom() throws Exception {
        config("""
                store:
                  url: jdbc:postgresql://db.internal:5432/sluice?sslmode=require&password=url-s3cret
                  user: sluice
                  password: s3cret-in-file
                """);
        cli.variables.put("SLUICE_METRICS_TOKEN", "metrics-token-0123456789");
        cli.variables.put("HTTPS_PROXY", "http://svc:proxy-pa55@proxy.corp.example:3128");
        Cli.Result r = Cli.expectOk(cli.run("config", "check"));
        assertThat(r.out()).containsPattern("store\\.password +\\*\\*\\* +sluice\\.yaml:4")
                .containsPattern("metrics\\.token +\\*\\*\\* +SLUICE_METRICS_TOKEN")
                .contains("https requests: through http://svc:***@proxy.corp.example:3128")
                .contains("jdbc:postgresql://db.internal:5432/sluice?sslmode=require&password=***")
                .doesNotContain("s3cret-in-file").doesNotContain("metrics-token-0123456789").doesNotContain("proxy-pa55")
                .doesNotContain("url-s3cret");
        assertThat(r.err()).doesNotContain("s3cret-in-file");
    }

    @Test
    void aFileWithSecretsThatOthersCanReadIsWarnedAbout() throws Exception {
        Path f = config("store:\n  password: s3cret\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        Cli.Result r = Cli.expectOk(cli.run("config", "check"));
        assertThat(r.err()).contains("warning: " + f + " holds secrets and others can read it: chmod 600 " + f);
    }

    @Test
    void aMissingConfigFileNamedBySluiceConfigIsAnError() {
        cli.variables.put("SLUICE_CONFIG", etc.resolve("nope.yaml").toString());
        Cli.Result r = cli.run("config", "check");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("SLUICE_CONFIG names " + etc.resolve("nope.yaml") + ", which does not exist");
    }

    @Test
    void theFileInSluiceHomeIsReadWhenSluiceConfigIsNotSet() throws Exception {
        Files.writeString(home.resolve("sluice.yaml"), "server:\n  port: 7443\n");
        assertThat(Cli.expectOk(cli.run("config", "check")).out()).contains("Configuration file: "
                + home.resolve("sluice.yaml")).containsPattern("server\\.port +7443 +sluice\\.yaml:2");
    }

    @Test
    void tlsFilesAndCaBundlesAreCheckedAsServeWouldLoadThem() throws Exception {
        TestCa ca = TestCa.create("Sluice Test CA");
        TestCa.Issued a = ca.issue("sluice.example.com", "sluice.example.com");
        TestCa.Issued b = ca.issue("sluice.example.com", "sluice.example.com");
        Path cert = a.writeChain(etc.resolve("cert.pem"));
        Path key = b.writeKey(etc.resolve("key.pem"));
        Path caFile = ca.writeCertificate(etc.resolve("ca.pem"));
        Path f = config("server:\n  tls:\n    cert: " + cert + "\n    key: " + key + "\noutbound:\n  ca: " + caFile + "\n");
        Cli.Result wrong = cli.run("config", "check");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("configuration: server.tls.cert (sluice.yaml:3): TLS key " + key
                + " does not belong to the certificate in " + cert);

        a.writeKey(key);
        Cli.Result ok = Cli.expectOk(cli.run("config", "check"));
        assertThat(ok.out()).contains("Server TLS: CN=sluice.example.com, issued by CN=Sluice Test CA, valid until")
                .contains("trusted CAs: Java's and 1 from " + caFile);

        Files.writeString(f, "server:\n  tls:\n    cert: " + cert + "\n");
        assertThat(cli.run("config", "check").err()).contains(f.getFileName() + ":3: server.tls.cert needs "
                + "server.tls.key too");
    }
}
