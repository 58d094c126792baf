package dev.sluice.server;

import static dev.sluice.server.ServerFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.HttpProxy;
import dev.sluice.core.ProxySettings;
import dev.sluice.core.TrustBundle;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.server.ServerFixture.Session;
import dev.sluice.testing.TestCa;
import dev.sluice.testing.TestProxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server behind a corporate proxy that inspects TLS: its own proxy and extra CA carry a connection's sign-in and
 * Web API calls (counted by a real forward proxy on loopback; the org answers only through it), and an admin — not a
 * member, not even one who manages the connection — gives a connection its own proxy with a password that is never
 * shown again.
 */
class ConnectionProxyServerTest {
    @TempDir
    static Path certs;
    static Emulator emulator;
    static String hidden;
    static TestProxy serverProxy;
    static ServerFixture f;
    static Session admin;
    static Session mia;

    @BeforeAll
    static void start() throws Exception {
        TestCa ca = TestCa.create("Contoso Inspection CA");
        TestCa.Issued issued = ca.issue("localhost", TestCa.loopbackNames());
        emulator = Emulator.builder().tls(issued.writeChain(certs.resolve("cert.pem")),
                issued.writeKey(certs.resolve("key.pem"))).start();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            hidden = "localhost:" + s.getLocalPort();
        }
        serverProxy = TestProxy.start().route(hidden, emulator.port());
        TrustBundle trust = TrustBundle.load(ca.writeCertificate(certs.resolve("ca.pem")), null);
        f = new ServerFixture(null, null, b -> b.allowOutbound(hidden).outboundTrust(trust)
                .outboundProxy(ProxySettings.of(HttpProxy.parse(serverProxy.url(), "test"), List.of())));
        admin = f.admin();
        mia = f.member(admin, "mia");
        EmulatorIdentity id = emulator.identity().info();
        EmulatorIdentity.App app = id.app("Sluice Service").orElseThrow();
        HttpResponse<String> created = admin.json("POST", "/api/v1/connections", Map.of("name", "contoso", "orgUrl",
                "https://" + hidden, "tenant", id.tenantId().toString(), "auth", Map.of("method", "client-secret",
                        "clientId", app.clientId().toString(), "clientSecret", app.secrets().get(0).reveal())));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(admin.json("PUT", "/api/v1/connections/contoso/grants/mia", Map.of("level", "manage"))
                .statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        f.close();
        serverProxy.close();
        emulator.close();
    }

    private static void works() {
        HttpResponse<String> authorize = admin.json("POST", "/api/v1/connections/contoso/authorize", null);
        assertThat(authorize.statusCode()).as(authorize.body()).isLessThan(300);
        HttpResponse<String> test = admin.json("POST", "/api/v1/connections/contoso/test", null);
        assertThat(test.statusCode()).as(test.body()).isEqualTo(200);
    }

    @Test
    void theServersProxyAndExtraCaCarrySignInAndTheWebApiAndTheOwnProxyTakesOver() {
        works();
        assertThat(serverProxy.tunnels()).isNotEmpty().allMatch(hidden::equals);

        String password = "pr0xy-" + System.nanoTime();
        try (TestProxy own = TestProxy.withBasicAuth("svc-sluice", password).route(hidden, emulator.port())) {
            HttpResponse<String> set = admin.json("PUT", "/api/v1/connections/contoso/proxy", Map.of("url", own.url(),
                    "user", "svc-sluice", "password", password));
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            assertThat(set.body()).doesNotContain(password);
            JsonNode shown = body(admin.get("/api/v1/connections/contoso/proxy"));
            assertThat(shown.get("url").asText()).isEqualTo(own.url());
            assertThat(shown.get("user").asText()).isEqualTo("svc-sluice");
            assertThat(shown.get("passwordStored").asBoolean()).isTrue();

            int before = serverProxy.tunnels().size();
            works();
            assertThat(own.tunnels()).isNotEmpty().allMatch(hidden::equals);
            assertThat(serverProxy.tunnels()).hasSize(before);

            String page = admin.get("/outbound").body();
            assertThat(page).contains("https: through " + serverProxy.url())
                    .contains("trusted CAs: Java's and 1 from").contains(own.url()).doesNotContain(password);
            assertThat(admin.json("DELETE", "/api/v1/connections/contoso/proxy", null).statusCode()).isEqualTo(204);
            assertThat(body(admin.get("/api/v1/connections/contoso/proxy")).get("url").isNull()).isTrue();
        }
    }

    @Test
    void aMemberWhoManagesTheConnectionStillCannotSeeOrChangeItsProxy() {
        HttpResponse<String> put = mia.json("PUT", "/api/v1/connections/contoso/proxy", Map.of("url",
                "http://attacker.example:3128"));
        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(body(put).get("detail").asText()).isEqualTo("this needs the admin role");
        assertThat(mia.get("/api/v1/connections/contoso/proxy").statusCode()).isEqualTo(403);
        assertThat(f.store.connectionProxies().get(f.store.connections().get("contoso").orElseThrow().id())).isEmpty();
    }

    @Test
    void aBadProxyIsRefusedWithWhatIsWrong() {
        HttpResponse<String> r = admin.json("PUT", "/api/v1/connections/contoso/proxy", Map.of("url",
                "socks5://p:1080"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(body(r).get("detail").asText()).startsWith("proxy: names a socks5:// proxy");
        HttpResponse<String> inUrl = admin.json("PUT", "/api/v1/connections/contoso/proxy", Map.of("url",
                "http://u:secret@p:3128"));
        assertThat(inUrl.statusCode()).isEqualTo(400);
        assertThat(body(inUrl).get("detail").asText()).contains("give the user and password separately")
                .doesNotContain("secret@");
    }
}
