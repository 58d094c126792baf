package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server's certificate from PEM files, on a real TLS socket, reloaded when the files are rotated. */
class ServerTlsTest {
    @TempDir
    Path dir;
    TestCerts.Ca ca;
    Path cert;
    Path key;
    HttpsServer server;

    @BeforeEach
    void files() throws Exception {
        ca = TestCerts.ca("Sluice Test CA");
        cert = dir.resolve("cert.pem");
        key = dir.resolve("key.pem");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private TestCerts.Issued install(TestCerts.Issued issued) throws Exception {
        TestCerts.write(cert, TestCerts.certificatePem(issued.certificate(), ca.certificate()));
        TestCerts.write(key, TestCerts.pkcs8(issued.key()));
        return issued;
    }

    private int serve(ServerTls tls) throws Exception {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.sslContext()));
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    /** The serial of the certificate a new client (no session to resume) is shown. */
    private BigInteger presented(int port) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.startHandshake();
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    @Test
    void aRotatedCertificateIsServedFromTheNextConnectionWithoutARestart() throws Exception {
        TestCerts.Issued first = install(TestCerts.issue(ca, "localhost", "localhost", "127.0.0.1"));
        ServerTls tls = ServerTls.fromPem(cert, key);
        int port = serve(tls);
        assertThat(presented(port)).isEqualTo(first.certificate().getSerialNumber());

        TestCerts.Issued second = install(TestCerts.issue(ca, "localhost", "localhost", "127.0.0.1"));
        assertThat(presented(port)).isEqualTo(second.certificate().getSerialNumber());
        assertThat(tls.current().generation()).isEqualTo(2);
        assertThat(tls.current().chain()).hasSize(2);
    }

    @Test
    void aHalfDoneRotationKeepsThePreviousPairUntilTheKeyArrives() throws Exception {
        TestCerts.Issued first = install(TestCerts.issue(ca, "localhost", "127.0.0.1"));
        int port = serve(ServerTls.fromPem(cert, key));
        TestCerts.Issued second = TestCerts.issue(ca, "localhost", "127.0.0.1");
        TestCerts.write(cert, TestCerts.certificatePem(second.certificate()));
        assertThat(presented(port)).as("new certificate, old key: not taken").isEqualTo(first.certificate()
                .getSerialNumber());
        TestCerts.write(key, TestCerts.pkcs8(second.key()));
        assertThat(presented(port)).isEqualTo(second.certificate().getSerialNumber());
    }

    @Test
    void onceFileTimesCanBeTrustedAChangeIsSeenByItsTime() throws Exception {
        install(TestCerts.issue(ca, "localhost", "127.0.0.1"));
        Instant written = Files.getLastModifiedTime(cert).toInstant();
        Clock later = Clock.fixed(written.plus(Duration.ofMinutes(5)), ZoneOffset.UTC);
        ServerTls tls = ServerTls.fromPem(cert, key, later);
        assertThat(tls.refresh().generation()).isEqualTo(1);
        TestCerts.Issued next = install(TestCerts.issue(ca, "localhost", "127.0.0.1"));
        Files.setLastModifiedTime(cert, java.nio.file.attribute.FileTime.from(written.plusSeconds(60)));
        assertThat(tls.refresh().certificate().getSerialNumber()).isEqualTo(next.certificate().getSerialNumber());
    }

    @Test
    void rsaKeysInPkcs1FormAndEcKeysInSec1FormAreRead() throws Exception {
        TestCerts.Issued rsa = TestCerts.issue(ca, "localhost", true, Instant.now().plus(Duration.ofDays(30)),
                "127.0.0.1");
        TestCerts.write(cert, TestCerts.certificatePem(rsa.certificate()));
        TestCerts.write(key, TestCerts.pkcs1(rsa.key()));
        ServerTls tls = ServerTls.fromPem(cert, key);
        assertThat(tls.current().key().getAlgorithm()).isEqualTo("RSA");
        assertThat(presented(serve(tls))).isEqualTo(rsa.certificate().getSerialNumber());

        TestCerts.Issued ec = TestCerts.issue(ca, "localhost", "127.0.0.1");
        TestCerts.write(cert, TestCerts.certificatePem(ec.certificate()));
        TestCerts.write(key, "EC PARAMETERS first, as openssl ecparam writes\n" + TestCerts.sec1(ec.key()));
        assertThat(ServerTls.fromPem(cert, key).current().key().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedNamingBothFiles() throws Exception {
        TestCerts.Issued a = TestCerts.issue(ca, "localhost", "127.0.0.1");
        TestCerts.Issued b = TestCerts.issue(ca, "localhost", "127.0.0.1");
        TestCerts.write(cert, TestCerts.certificatePem(a.certificate()));
        TestCerts.write(key, TestCerts.pkcs8(b.key()));
        assertThatThrownBy(() -> ServerTls.fromPem(cert, key)).isInstanceOf(SluiceException.class)
                .hasMessage("TLS key " + key + " does not belong to the certificate in " + cert
                        + " (the first certificate must be the server's own)");
    }

    @Test
    void anEncryptedKeyIsRefusedWithWhatToDo() throws Exception {
        install(TestCerts.issue(ca, "localhost", "127.0.0.1"));
        TestCerts.write(key, TestCerts.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> ServerTls.fromPem(cert, key))
                .hasMessageStartingWith("TLS key " + key + ": the private key is encrypted")
                .hasMessageContaining("openssl pkey -in KEY -out KEY.plain.pem");
    }

    @Test
    void missingOrEmptyFilesAreNamed() throws Exception {
        assertThatThrownBy(() -> ServerTls.fromPem(cert, key)).isInstanceOf(SluiceException.class)
                .hasMessage("TLS: cannot read " + cert + " (no such file)");
        Files.writeString(cert, "not a certificate");
        Files.writeString(key, "");
        assertThatThrownBy(() -> ServerTls.fromPem(cert, key))
                .hasMessage("TLS certificate " + cert + " holds no PEM certificate ('-----BEGIN CERTIFICATE-----')");
    }
}
