package dev.sluice.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.RelayState;
import dev.sluice.core.ServerTls;
import dev.sluice.core.TrustBundle;
import dev.sluice.testing.TestCa;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Set;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay speaking https itself: a certificate from PEM files, rotated without a restart, and HSTS. */
class RelayTlsTest {
    @TempDir
    Path dir;

    private BigInteger presented(TrustBundle trust, int port) throws Exception {
        try (SSLSocket s = (SSLSocket) trust.sslContext().getSocketFactory().createSocket("127.0.0.1", port)) {
            s.startHandshake();
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    @Test
    void theRelayServesHttpsAndARotatedCertificateFromTheNextConnection() throws Exception {
        TestCa ca = TestCa.create("Sluice Test CA");
        TestCa.Issued first = ca.issue("localhost", TestCa.loopbackNames());
        Path cert = first.writeChain(dir.resolve("cert.pem"));
        Path key = first.writeKey(dir.resolve("key.pem"));
        Path caFile = ca.writeCertificate(dir.resolve("ca.pem"));
        SluiceRelay relay = SluiceRelay.start(RelayOptions.loopback(Set.of("127.0.0.1")), ServerTls.fromPem(cert, key));
        try {
            assertThat(relay.localUrl().getScheme()).isEqualTo("https");
            HttpClient http = HttpClient.newBuilder().sslContext(TrustBundle.load(caFile, null).sslContext()).build();
            String state = new RelayState(URI.create("http://127.0.0.1:45678/"), "login.microsoftonline.com",
                    "abcdefghijklmnopqrstuvwxyz012345").encode();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(relay.localUrl() + "/callback?code=C&state="
                    + URLEncoder.encode(state, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("name=\"code\" value=\"C\"");
            assertThat(r.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");

            assertThat(presented(TrustBundle.load(caFile, null), relay.port())).isEqualTo(first.serial());
            TestCa.Issued next = ca.issue("localhost", TestCa.loopbackNames());
            next.writeChain(cert);
            next.writeKey(key);
            assertThat(presented(TrustBundle.load(caFile, null), relay.port())).isEqualTo(next.serial());
        } finally {
            relay.close();
        }
    }
}
