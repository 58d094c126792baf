package dev.sluice.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.HttpProxy;
import dev.sluice.core.OutboundHttp;
import dev.sluice.core.OutboundPolicy;
import dev.sluice.core.ProxySettings;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TrustBundle;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.store.AuthMethod;
import dev.sluice.store.AuthSettings;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionProxy;
import dev.sluice.store.ConnectionSettings;
import dev.sluice.store.OrgUrl;
import dev.sluice.store.SecretStore;
import dev.sluice.store.SluiceStore;
import dev.sluice.testing.TestCa;
import dev.sluice.testing.TestProxy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every outbound request of a connection — OIDC discovery, the token request, the API call — goes through the HTTP
 * proxy, counted by a real forward proxy on loopback. The emulator serves https with a certificate of a test CA
 * (as a TLS-inspecting corporate proxy would present), and the connection names an address where nothing listens:
 * only the proxy, which routes that address to the emulator, can reach it, so a request that skipped the proxy
 * would fail instead of passing unseen.
 */
class OutboundProxyTest {
    @TempDir
    static Path certs;
    static Emulator emulator;
    static TestCa ca;
    static Path caFile;
    /** The org's address as the connection names it: nothing listens there. */
    static String hidden;

    @TempDir
    Path home;
    SluiceStore store;

    @BeforeAll
    static void start() throws IOException {
        ca = TestCa.create("Sluice Test CA");
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
    void open() {
        store = null;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    /** The engine store, opened on first use (the tests of the proxy alone need none). */
    private SluiceStore store() {
        if (store == null) {
            store = SluiceStore.builder().home(home).build();
        }
        return store;
    }

    private static TestProxy proxy(TestProxy p) {
        return p.route(hidden, emulator.port());
    }

    private OutboundHttp outbound(ProxySettings proxy) {
        return OutboundHttp.builder().policy(OutboundPolicy.microsoft().with(OutboundPolicy.LOOPBACK)).proxy(proxy)
                .trust(TrustBundle.load(caFile, null)).build();
    }

    private static ProxySettings through(TestProxy p) {
        return ProxySettings.of(HttpProxy.parse(p.url(), "test"), List.of());
    }

    /** A client-secret connection to the hidden address, its endpoints found by OIDC discovery. */
    private Connection connection() {
        EmulatorIdentity id = emulator.identity().info();
        EmulatorIdentity.App app = id.app("Sluice Service").orElseThrow();
        URI discovery = URI.create("https://" + hidden + "/" + id.tenantId() + "/v2.0/.well-known/openid-configuration");
        AuthSettings auth = new AuthSettings(AuthMethod.CLIENT_SECRET, app.clientId().toString(), null, null, null,
                null, null, discovery);
        Connection c = store().connections().create(new ConnectionSettings("contoso", null,
                OrgUrl.parse("https://" + hidden), null, null, id.tenantId().toString(), auth, null), "alice");
        store().secrets().put(c.id(), SecretStore.CLIENT_SECRET, app.secrets().get(0), "alice");
        return store().connections().get(c.id()).orElseThrow();
    }

    /** Discovery, a token, and WhoAmI with it: every outbound request a connection makes. */
    private String whoAmI(ConnectionCredentials credentials, Connection c) throws Exception {
        AccessToken token = credentials.credential(c).token();
        HttpResponse<String> r = credentials.outbound(c).send(HttpRequest.newBuilder(
                        URI.create("https://" + hidden + "/api/data/v9.2/WhoAmI")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token.value().reveal()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void discoveryTheTokenAndTheApiCallAllGoThroughTheProxy() throws Exception {
        try (TestProxy proxy = proxy(TestProxy.start())) {
            ConnectionCredentials credentials = new ConnectionCredentials(store(), Clock.systemUTC(),
                    outbound(through(proxy)));
            assertThat(whoAmI(credentials, connection())).contains("\"UserId\"");
            assertThat(proxy.tunnels()).isNotEmpty().allMatch(hidden::equals);
        }
    }

    @Test
    void withoutTheProxyTheOrgCannotBeReachedAtAll() {
        ConnectionCredentials credentials = new ConnectionCredentials(store(), Clock.systemUTC(),
                outbound(ProxySettings.NONE));
        assertThatThrownBy(() -> whoAmI(credentials, connection())).isInstanceOf(SluiceException.class)
                .hasMessageContaining("OIDC discovery at https://" + hidden + " failed");
    }

    @Test
    void aConnectionsOwnProxyWithBasicCredentialsIsUsedAndItsPasswordIsStoredOnlyEncrypted() throws Exception {
        String password = "pr0xy-Pa55-" + System.nanoTime();
        try (TestProxy own = proxy(TestProxy.withBasicAuth("svc-sluice", password));
                TestProxy processWide = proxy(TestProxy.start())) {
            Connection c = connection();
            c = store().connectionProxies().set(c.id(), ConnectionProxy.of(own.url(), "svc-sluice"), Secret.of(password),
                    "alice");
            ConnectionCredentials credentials = new ConnectionCredentials(store(), Clock.systemUTC(),
                    outbound(through(processWide)));
            assertThat(whoAmI(credentials, c)).contains("\"UserId\"");
            assertThat(own.tunnels()).isNotEmpty().allMatch(hidden::equals);
            assertThat(own.challenged()).as("credentials go with each request: never challenged").isZero();
            assertThat(processWide.tunnels()).isEmpty();
            assertThat(store().secrets().list(c.id())).contains(ConnectionProxy.PASSWORD_SECRET);
            assertThat(store().audit().list(dev.sluice.store.AuditQuery.all()).events()
                    .toString()).contains("set its proxy to " + own.url() + " as user 'svc-sluice' with a password")
                    .doesNotContain(password);
        }
        store.close();
        store = null;
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(f.toString()).doesNotContain(password);
            }
        }
    }

    @Test
    void aConnectionSetToGoDirectSkipsTheProcesssProxy() throws Exception {
        try (TestProxy processWide = proxy(TestProxy.start())) {
            Connection c = connection();
            c = store().connectionProxies().set(c.id(), ConnectionProxy.DIRECT, null, "alice");
            ConnectionCredentials credentials = new ConnectionCredentials(store(), Clock.systemUTC(),
                    outbound(through(processWide)));
            Connection direct = c;
            assertThatThrownBy(() -> whoAmI(credentials, direct)).hasMessageContaining("failed");
            assertThat(processWide.tunnels()).isEmpty();
        }
    }

    @Test
    void aWrongProxyPasswordIsAnAuthenticationErrorThatNamesTheProxyAndUser() {
        try (TestProxy own = proxy(TestProxy.withBasicAuth("svc-sluice", "right"))) {
            Connection c = store().connectionProxies().set(connection().id(), ConnectionProxy.of(own.url(), "svc-sluice"),
                    Secret.of("wrong-secret"), "alice");
            OutboundHttp out = new ConnectionCredentials(store(), Clock.systemUTC(), outbound(null)).outbound(c);
            SluiceException e = sendFails(out);
            assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
            assertThat(e.getMessage()).isEqualTo("the proxy " + own.url() + " refused the credentials of proxy user "
                    + "'svc-sluice'; check the proxy user and password (HTTP 407 for https://" + hidden + ")")
                    .doesNotContain("wrong-secret");
            assertThat(own.tunnels()).isEmpty();
        }
    }

    @Test
    void aProxyThatWantsCredentialsSaysSoWhenNoneAreConfigured() {
        try (TestProxy own = proxy(TestProxy.withBasicAuth("svc-sluice", "right"))) {
            SluiceException e = sendFails(outbound(through(own)));
            assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
            assertThat(e.getMessage()).startsWith("the proxy " + own.url() + " wants credentials (Basic); give a proxy "
                    + "user and password");
        }
    }

    @Test
    void aProxyThatRefusesTheDestinationIsForbidden() {
        try (TestProxy p = proxy(TestProxy.start()).refuse(hidden, 403)) {
            SluiceException e = sendFails(outbound(through(p)));
            assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN);
            assertThat(e.getMessage()).isEqualTo("the proxy " + p.url() + " refused to open a tunnel to https://"
                    + hidden + " (HTTP 403); ask the proxy's admin to allow that destination");
        }
    }

    @Test
    void aProxyThatCannotBeReachedIsNamedInTheError() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        OutboundHttp out = outbound(ProxySettings.of(HttpProxy.parse("http://127.0.0.1:" + closed, "test"), List.of()));
        assertThatThrownBy(() -> out.send(request(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("cannot connect to the proxy http://127.0.0.1:" + closed + " (for https://"
                        + hidden + ")");
    }

    @Test
    void noProxyHostsGoDirect() throws Exception {
        try (TestProxy p = proxy(TestProxy.start())) {
            OutboundHttp out = outbound(through(p).withNoProxy(List.of("127.0.0.1")));
            HttpResponse<String> r = out.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/"
                    + emulator.identity().info().tenantId() + "/v2.0/.well-known/openid-configuration")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(p.tunnels()).isEmpty();
        }
    }

    @Test
    void aProxyPasswordStoredForAnotherDestinationIsNeverSent() {
        try (TestProxy own = proxy(TestProxy.withBasicAuth("svc-sluice", "right"))) {
            Connection c = store().connectionProxies().set(connection().id(), ConnectionProxy.of(own.url(), "svc-sluice"),
                    null, "alice");
            // put through the generic secret API: bound to the identity provider, not to this proxy
            store().secrets().put(c.id(), ConnectionProxy.PASSWORD_SECRET, Secret.of("right"), "mallory");
            ConnectionCredentials credentials = new ConnectionCredentials(store(), Clock.systemUTC(), outbound(null));
            Connection current = store().connections().get(c.id()).orElseThrow();
            assertThatThrownBy(() -> credentials.outbound(current)).isInstanceOf(SluiceException.class)
                    .hasMessageContaining("was not entered for proxy " + own.url());
            assertThat(own.challenged()).isZero();
        }
    }

    @Test
    void theEmulatorsCertificateIsRefusedWhenTheBundleHoldsAnotherCa() throws Exception {
        Path other = TestCa.create("Some Other CA").writeCertificate(certs.resolve("other-ca.pem"));
        OutboundHttp out = OutboundHttp.builder().policy(OutboundPolicy.microsoft().with(OutboundPolicy.LOOPBACK))
                .trust(TrustBundle.load(other, null)).build();
        URI discovery = URI.create(emulator.baseUrl() + "/" + emulator.identity().info().tenantId()
                + "/v2.0/.well-known/openid-configuration");
        assertThatThrownBy(() -> out.send(HttpRequest.newBuilder(discovery).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SluiceException.class)
                .hasMessage("TLS: " + OutboundPolicy.origin(discovery) + " refused: the certificate of CN=localhost "
                        + "(issued by CN=Sluice Test CA) is trusted neither by Java's CA certificates nor by the extra "
                        + "CAs in " + other + "; add the CA that issued it to the bundle (outbound.ca in sluice.yaml "
                        + "or SLUICE_OUTBOUND_CA)");
        HttpResponse<String> trusted = outbound(null).send(HttpRequest.newBuilder(discovery).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(trusted.statusCode()).isEqualTo(200);
        assertThat(trusted.body()).contains("\"token_endpoint\":\"" + emulator.baseUrl());
    }

    private static HttpRequest request() {
        return HttpRequest.newBuilder(URI.create("https://" + hidden + "/api/data/v9.2/")).timeout(Duration.ofSeconds(10))
                .build();
    }

    private static SluiceException sendFails(OutboundHttp out) {
        try {
            out.send(request(), HttpResponse.BodyHandlers.ofString());
        } catch (SluiceException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("not a SluiceException: " + e, e);
        }
        throw new AssertionError("sent");
    }
}
