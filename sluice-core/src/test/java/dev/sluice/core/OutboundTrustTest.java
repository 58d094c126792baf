package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extra trusted CAs on a real TLS socket: a server whose certificate a company CA signed is trusted alongside Java's
 * own CAs; one signed by any other CA, expired, or for another name is refused with a message that says so.
 */
class OutboundTrustTest {
    @TempDir
    Path dir;
    TestCerts.Ca companyCa;
    HttpsServer server;

    @BeforeEach
    void ca() throws Exception {
        companyCa = TestCerts.ca("Contoso Inspection CA");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(TestCerts.Ca ca, TestCerts.Issued issued) throws Exception {
        Path cert = TestCerts.write(dir.resolve("server.pem"), TestCerts.certificatePem(issued.certificate(),
                ca.certificate()));
        Path key = TestCerts.write(dir.resolve("server.key"), TestCerts.pkcs8(issued.key()));
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(ServerTls.fromPem(cert, key).sslContext()));
        server.createContext("/", ex -> {
            byte[] body = "hello".getBytes();
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/x");
    }

    private Path caFile(TestCerts.Ca ca) throws Exception {
        return TestCerts.write(dir.resolve(ca.name().replace(' ', '-') + ".pem"), TestCerts.certificatePem(
                ca.certificate()));
    }

    private static OutboundHttp outbound(URI url, TrustBundle trust) {
        return OutboundHttp.builder().policy(OutboundPolicy.origins(url)).trust(trust).build();
    }

    private static String get(OutboundHttp outbound, URI url) throws Exception {
        return outbound.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static SluiceException refused(OutboundHttp outbound, URI url) {
        try {
            get(outbound, url);
        } catch (SluiceException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("not a SluiceException: " + e, e);
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aServerSignedByTheExtraCaIsTrustedBesidesJavasOwnCas() throws Exception {
        URI url = serve(companyCa, TestCerts.issue(companyCa, "localhost", "localhost", "127.0.0.1"));
        TrustBundle bundle = TrustBundle.load(caFile(companyCa), null);
        assertThat(bundle.certificates()).hasSize(1);
        assertThat(get(outbound(url, bundle), url)).isEqualTo("hello");
        assertThat(bundle.sslContext().getDefaultSSLParameters()).isNotNull();
    }

    @Test
    void withoutTheCaTheServerIsRefusedAndTheMessageSaysWhereToAddIt() throws Exception {
        URI url = serve(companyCa, TestCerts.issue(companyCa, "localhost", "127.0.0.1"));
        SluiceException e = refused(outbound(url, null), url);
        assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN);
        assertThat(e.getMessage()).isEqualTo("TLS: the certificate of " + OutboundPolicy.origin(url) + " is not signed "
                + "by a CA this Java trusts; if your network inspects TLS with its own CA (a corporate proxy does), "
                + "trust that CA: outbound.ca in sluice.yaml or SLUICE_OUTBOUND_CA");
    }

    @Test
    void aServerSignedByAnotherCaIsRefusedNamingItsIssuerAndTheBundle() throws Exception {
        TestCerts.Ca rogue = TestCerts.ca("Rogue CA");
        URI url = serve(rogue, TestCerts.issue(rogue, "localhost", "127.0.0.1"));
        Path bundle = caFile(companyCa);
        SluiceException e = refused(outbound(url, TrustBundle.load(bundle, null)), url);
        assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN);
        assertThat(e.getMessage()).isEqualTo("TLS: " + OutboundPolicy.origin(url) + " refused: the certificate of "
                + "CN=localhost (issued by CN=Rogue CA) is trusted neither by Java's CA certificates nor by the extra "
                + "CAs in " + bundle + "; add the CA that issued it to the bundle (outbound.ca in sluice.yaml or "
                + "SLUICE_OUTBOUND_CA)");
    }

    @Test
    void aCertificateForAnotherNameIsRefusedAsSuchEvenFromATrustedCa() throws Exception {
        URI url = serve(companyCa, TestCerts.issue(companyCa, "elsewhere", "elsewhere.example"));
        SluiceException e = refused(outbound(url, TrustBundle.load(caFile(companyCa), null)), url);
        assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN);
        assertThat(e.getMessage()).startsWith("TLS: the certificate of " + OutboundPolicy.origin(url)
                + " is not for that host name (").contains("127.0.0.1");
    }

    @Test
    void anExpiredCertificateIsRefusedAsExpired() throws Exception {
        URI url = serve(companyCa, TestCerts.issue(companyCa, "localhost", false, Instant.now().minus(Duration.ofDays(1)),
                "127.0.0.1"));
        SluiceException e = refused(outbound(url, TrustBundle.load(caFile(companyCa), null)), url);
        assertThat(e.getMessage()).isEqualTo("TLS: the certificate of " + OutboundPolicy.origin(url) + " has expired; "
                + "the server must renew it");
    }

    @Test
    void aDirectoryOfPemFilesAPkcs12TrustStoreAndADerCertificateAreBundlesToo() throws Exception {
        URI url = serve(companyCa, TestCerts.issue(companyCa, "localhost", "127.0.0.1"));
        Path folder = Files.createDirectories(dir.resolve("cas"));
        TestCerts.write(folder.resolve("company.crt"), TestCerts.certificatePem(companyCa.certificate()));
        TestCerts.write(folder.resolve("other.pem"), TestCerts.certificatePem(TestCerts.ca("Other").certificate()));
        Files.writeString(folder.resolve("README"), "not a certificate");
        TrustBundle fromFolder = TrustBundle.load(folder, null);
        assertThat(fromFolder.certificates()).hasSize(2);
        assertThat(get(outbound(url, fromFolder), url)).isEqualTo("hello");

        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setCertificateEntry("company", companyCa.certificate());
        Path store = dir.resolve("trust.p12");
        try (OutputStream o = Files.newOutputStream(store)) {
            p12.store(o, "changeit".toCharArray());
        }
        assertThat(get(outbound(url, TrustBundle.load(store, Secret.of("changeit"))), url)).isEqualTo("hello");
        assertThatThrownBy(() -> TrustBundle.load(store, Secret.of("wrong"))).isInstanceOf(SluiceException.class)
                .hasMessageContaining("nor a PKCS#12 trust store this password opens");

        Path der = Files.write(dir.resolve("company.der"), companyCa.certificate().getEncoded());
        assertThat(TrustBundle.load(der, null).certificates()).containsExactly(companyCa.certificate());
    }

    @Test
    void aMissingOrEmptyBundleIsRefusedNamingIt() throws Exception {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> TrustBundle.load(missing, null)).hasMessage("CA bundle " + missing + " does not exist");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "# nothing here\n");
        assertThatThrownBy(() -> TrustBundle.load(empty, null)).isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("CA bundle " + empty);
        Path folder = Files.createDirectories(dir.resolve("none"));
        assertThatThrownBy(() -> TrustBundle.load(folder, null)).hasMessageStartingWith("CA bundle " + folder
                + " holds no certificate");
    }
}
