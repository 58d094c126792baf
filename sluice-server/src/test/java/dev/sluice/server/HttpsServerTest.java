package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.ServerTls;
import dev.sluice.core.TrustBundle;
import dev.sluice.store.SluiceStore;
import dev.sluice.testing.TestCa;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice serve} speaking https itself: the certificate from PEM files, a rotated certificate served from the
 * next connection on, HSTS on every response, and the session cookie under the {@code __Host-} prefix (Secure,
 * Path=/, no Domain) working for signed-in requests.
 */
class HttpsServerTest {
    @TempDir
    static Path dir;
    static TestCa ca;
    static Path cert;
    static Path key;
    static SluiceStore store;
    static SluiceServer server;
    static String base;
    static HttpClient http;
    static final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        ca = TestCa.create("Sluice Test CA");
        cert = dir.resolve("cert.pem");
        key = dir.resolve("key.pem");
        TestCa.Issued first = ca.issue("localhost", TestCa.loopbackNames());
        first.writeChain(cert);
        first.writeKey(key);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        store = SluiceStore.builder().home(dir.resolve("home")).build();
        server = SluiceServer.builder().store(store).port(port).tls(ServerTls.fromPem(cert, key))
                .adminPassword("first-admin-pass").out(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .build().start();
        base = "https://127.0.0.1:" + port;
        http = HttpClient.newBuilder().sslContext(TrustBundle.load(ca.writeCertificate(dir.resolve("ca.pem")), null)
                .sslContext()).followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private BigInteger presented() throws Exception {
        TrustBundle trust = TrustBundle.load(dir.resolve("ca.pem"), null); // a new context: no session to resume
        try (SSLSocket s = (SSLSocket) trust.sslContext().getSocketFactory().createSocket("127.0.0.1",
                server.port())) {
            s.startHandshake();
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    @Test
    void theServerSpeaksHttpsAndItsPublicUrlSaysSo() throws Exception {
        assertThat(server.publicUrl().toString()).isEqualTo(base);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/health/ready")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/static/sluice.css"))).headers()
                .firstValue("Strict-Transport-Security")).contains("max-age=31536000");
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("WARNING");
    }

    @Test
    void aRotatedCertificateIsServedFromTheNextConnection() throws Exception {
        BigInteger before = presented();
        TestCa.Issued next = ca.issue("localhost", TestCa.loopbackNames());
        next.writeChain(cert);
        next.writeKey(key);
        assertThat(presented()).isNotEqualTo(before).isEqualTo(next.serial());
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/health"))).statusCode()).isEqualTo(200);
    }

    @Test
    void theSessionCookieIsHostPrefixedSecureAndWorks() throws Exception {
        HttpResponse<String> signIn = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"admin\",\"password\":\"first-admin-pass\"}")));
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        List<String> cookies = signIn.headers().allValues("Set-Cookie");
        String session = cookies.stream().filter(c -> c.startsWith("__Host-sluice_session=")).findFirst().orElseThrow();
        assertThat(session).contains("; Path=/").contains("; Secure").contains("; HttpOnly")
                .doesNotContainIgnoringCase("domain=");
        String pair = session.substring(0, session.indexOf(';'));

        HttpResponse<String> me = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session")).header("Cookie", pair));
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains("\"admin\"");
        HttpResponse<String> unprefixed = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                .header("Cookie", pair.replace("__Host-", "")));
        assertThat(unprefixed.statusCode()).isEqualTo(401);
    }
}
