package dev.sluice.server;

import static dev.sluice.server.ServerFixture.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.auth.AuthorizationCodeFlow;
import dev.sluice.auth.LoopbackReceiver;
import dev.sluice.auth.OAuthClient;
import dev.sluice.auth.OAuthEndpoints;
import dev.sluice.auth.PendingAuthorization;
import dev.sluice.auth.TokenClient;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.server.ServerFixture.Session;
import dev.sluice.testing.EmulatorBrowser;
import dev.sluice.testing.WithEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, replayed as an attacker would, one test per row of the table, against a real server, the
 * emulator and attacker hosts ({@link Canary}) on loopback. Each failed on the code the issue was filed against.
 * Every request goes to loopback.
 */
@Tag("system")
@WithEmulator(seed = {"accounts=5"})
class RedTeamSystemTest {
    static Emulator emulator;
    static ServerFixture f;
    static Session admin;
    static Session mona;
    static EmulatorIdentity.App service;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        f = new ServerFixture(emulator);
        admin = f.admin();
        assertThat(admin.json("POST", "/api/v1/connections", f.webConnection("shared")).statusCode()).isEqualTo(201);
        ServerApiTest.authorize(admin, "shared");
        mona = f.member(admin, "mona");
        service = f.identity().app("Sluice Service").orElseThrow();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    /** The admin allows an attacker's host, so only the credential binding stands between it and the secrets. */
    static void allow(Canary canary) {
        admin.json("PUT", "/api/v1/outbound-hosts/127.0.0.1:" + canary.port(), null);
    }

    @Test
    void row1ManagerPointingTheOrgUrlOrTokenEndpointAtTheirHostGetsNoTokenAndNoSecret() {
        assertThat(admin.json("POST", "/api/v1/connections", f.webConnection("row1")).statusCode()).isEqualTo(201);
        ServerApiTest.authorize(admin, "row1");
        admin.json("PUT", "/api/v1/connections/row1/grants/mona", Map.of("level", "manage"));
        String token = f.store.tokens().get(f.store.connections().get("row1").orElseThrow().id()).orElseThrow()
                .accessToken().reveal();
        try (Canary evil = Canary.quiet()) {
            allow(evil);
            Map<String, Object> moved = new HashMap<>(f.webConnection("row1"));
            Map<?, ?> auth = (Map<?, ?>) moved.get("auth");
            moved.put("auth", Map.of("method", "authorization-code", "clientId", auth.get("clientId"),
                    "callbackMode", "server", "redirectUri", f.base + "/oauth/callback"));
            moved.put("orgUrl", evil.origin());
            moved.put("authority", emulator.orgUrl());
            mona.json("PUT", "/api/v1/connections/row1", moved);
            mona.json("POST", "/api/v1/connections/row1/test", null);
            assertThat(evil.hits).as("what reached the manager's host").noneSatisfy(h ->
                    assertThat(String.valueOf(h.authorization())).contains(token));

            Map<String, Object> svc = new HashMap<>(Map.of("name", "svc", "orgUrl", emulator.orgUrl(), "tenant",
                    f.identity().tenantId().toString(), "auth", Map.of("method", "client-secret", "clientId",
                            service.clientId().toString(), "clientSecret", service.secrets().get(0).reveal())));
            assertThat(admin.json("POST", "/api/v1/connections", svc).statusCode()).isEqualTo(201);
            admin.json("PUT", "/api/v1/connections/svc/grants/mona", Map.of("level", "manage"));
            svc.put("auth", Map.of("method", "client-secret", "clientId", service.clientId().toString(),
                    "tokenEndpoint", evil.origin() + "/token"));
            mona.json("PUT", "/api/v1/connections/svc", svc);
            mona.json("POST", "/api/v1/connections/svc/authorize", null);
            assertThat(evil.hits).as("what reached the manager's token endpoint")
                    .noneSatisfy(h -> assertThat(h.body()).contains(service.secrets().get(0).reveal()));
        }
    }

    @Test
    void row2FiftyMegabyteAndDeeplyNestedBodiesAreRefusedWhileOthersCarryOn() throws Exception {
        byte[] fifty = ("{\"user\":\"x\",\"password\":\"" + "A".repeat(50 * 1024 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        AtomicBoolean flooding = new AtomicBoolean(true);
        List<Integer> others = new ArrayList<>();
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
            while (flooding.get()) {
                others.add(admin.get("/api/v1/connections").statusCode());
            }
        });
        List<CompletableFuture<Integer>> floods = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            floods.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return HTTP.send(HttpRequest.newBuilder(URI.create(f.base + "/api/v1/session"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(fifty)).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode();
                } catch (IOException e) {
                    return -1; // the server may close the connection after answering 413 early
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -2;
                }
            }));
        }
        List<Integer> statuses = floods.stream().map(CompletableFuture::join).toList();
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        HttpResponse<String> nested = HTTP.send(HttpRequest.newBuilder(URI.create(f.base + "/api/v1/session"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(deep)).build(),
                HttpResponse.BodyHandlers.ofString());
        flooding.set(false);
        other.join();

        // 413 each, or (-1) the connection the server closed after its early 413 while the client still sent the body
        assertThat(statuses).as("statuses of the 50 MB bodies").allMatch(s -> s == 413 || s == -1);
        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(others).isNotEmpty().containsOnly(200);
    }

    @Test
    void row3AMembersConnectionCannotMakeTheServerCallALoopbackPortOrEchoItsReply() {
        try (Canary internal = new Canary(h -> new Canary.Answer(400, "application/json",
                "{\"error\":\"invalid_client\",\"error_description\":\"INTERNAL-ADMIN-PAGE " + "x".repeat(5000)
                        + " END-OF-PAGE\"}"))) {
            Map<String, Object> c = Map.of("name", "probe", "orgUrl", emulator.orgUrl(), "tenant",
                    f.identity().tenantId().toString(), "auth", Map.of("method", "client-secret", "clientId",
                            service.clientId().toString(), "clientSecret", "x", "tokenEndpoint",
                            internal.origin() + "/token"));
            mona.json("POST", "/api/v1/connections", c);
            HttpResponse<String> r = mona.json("POST", "/api/v1/connections/probe/authorize", null);
            assertThat(internal.hits).as("requests that reached the internal port").isEmpty();
            assertThat(r.body()).doesNotContain("END-OF-PAGE");
        }
    }

    @Test
    void row4ATokenHasOnlyItsScopesAndWhatItMintedDiesWithIt() {
        Session owner = f.member(admin, "owner");
        admin.json("PUT", "/api/v1/connections/shared/grants/owner", Map.of("level", "write"));
        HttpResponse<String> p = owner.json("POST", "/api/v1/tokens", Map.of("name", "parent", "scopes",
                List.of("read", "tokens")));
        Session parent = new Session(f);
        parent.bearer = body(p).get("token").asText();
        assertThat(parent.json("POST", "/api/v1/connections/shared/tables/account/rows", Map.of("name", "by-reader"))
                .statusCode()).as("a write with a read-scoped token").isEqualTo(403);
        HttpResponse<String> c = parent.json("POST", "/api/v1/tokens", Map.of("name", "child", "scopes",
                List.of("read")));
        Session child = new Session(f);
        child.bearer = body(c).get("token").asText();
        assertThat(child.get("/api/v1/connections/shared").statusCode()).isEqualTo(200);

        owner.json("DELETE", "/api/v1/tokens/" + body(p).get("id").asText(), null);

        assertThat(child.get("/api/v1/connections/shared").statusCode()).as("the child after the parent's revocation")
                .isEqualTo(401);
    }

    static final String TWO_TENANTS = """
            tenants:
              - id: 11111111-1111-4111-8111-111111111111
                domain: org.test
                apps:
                  - clientId: 22222222-2222-4222-8222-222222222222
                    type: confidential
                    secrets: [ org-secret ]
                    appRoles: [ Sync ]
                  - clientId: 66666666-6666-4666-8666-666666666666
                    name: Public
                    redirectUris: [ "http://127.0.0.1" ]
                    permissions: [ user_impersonation ]
                users:
                  - upn: erin@org.test
                    givenName: Erin
                    surname: Example
                    password: erin-password
                    objectId: 33333333-3333-4333-8333-333333333333
              - id: 44444444-4444-4444-8444-444444444444
                domain: other.test
                apps:
                  - clientId: 55555555-5555-4555-8555-555555555555
                    type: confidential
                    secrets: [ other-secret ]
                    appRoles: [ Sync ]
            """;

    @Test
    void row5TheEmulatorChecksTheTenantAndRefusesAPkceDowngradeAndSluiceNeverRedeemsWithoutPkce() throws Exception {
        Path dir = Files.createTempDirectory("two-tenants");
        Path file = Files.writeString(dir.resolve("directory.yaml"), TWO_TENANTS);
        try (Emulator two = Emulator.builder().directoryFile(file).start()) {
            String foreign = body(HTTP.send(HttpRequest.newBuilder(URI.create(two.baseUrl()
                    + "/other.test/oauth2/v2.0/token")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                            + "55555555-5555-4555-8555-555555555555&client_secret=other-secret&scope="
                            + URLEncoder.encode(two.orgUrl() + "/.default", StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString())).get("access_token").asText();
            HttpResponse<String> whoAmI = HTTP.send(HttpRequest.newBuilder(URI.create(two.webApiUrl() + "WhoAmI"))
                    .header("Authorization", "Bearer " + foreign).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(whoAmI.statusCode()).as("a token from another tenant of the directory").isEqualTo(401);

            TokenClient tokens = new TokenClient(OAuthEndpoints.microsoft(URI.create(two.orgUrl()), "org.test"),
                    OAuthClient.publicClient("66666666-6666-4666-8666-666666666666"), Clock.systemUTC(),
                    Duration.ofSeconds(30));
            AuthorizationCodeFlow flow = new AuthorizationCodeFlow(tokens,
                    AuthorizationCodeFlow.dataverseScopes(two.orgUrl()), Clock.systemUTC());
            try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
                PendingAuthorization pending = flow.begin(receiver.redirectUri(), null, null, false);
                new EmulatorBrowser().signIn(pending.authorizationUrl(), "erin@org.test", "erin-password");
                Map<String, String> callback = receiver.await(Duration.ofSeconds(30));
                PendingAuthorization stripped = new PendingAuthorization(null, pending.state(), null, pending.nonce(),
                        pending.redirectUri(), pending.expiresAt());
                assertThatThrownBy(() -> flow.complete(stripped, callback)).as("redeeming without the verifier")
                        .hasMessageContaining("PKCE");
                assertThat(flow.complete(pending, callback).accessToken()).isNotNull();

                String downgrade = pending.authorizationUrl().toString()
                        .replaceAll("&code_challenge(_method)?=[^&]*", "");
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(downgrade)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.headers().firstValue("Location").orElse("")).as("an authorize request without PKCE")
                        .contains("error=invalid_request").doesNotContain("code=");
            }
        }
    }

    @Test
    void row6TheAdminListsEveryonesTokens() {
        HttpResponse<String> r = admin.get("/api/v1/tokens");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void row7ChangingAPasswordSignsOutTheUsersOtherSessions() {
        f.member(admin, "victim");
        Session stolen = new Session(f);
        stolen.signIn("victim", "one-time-victim");
        Session own = new Session(f);
        own.signIn("victim", "one-time-victim");
        own.json("PUT", "/api/v1/session/password", Map.of("currentPassword", "one-time-victim", "newPassword",
                "victim-new-password"));
        assertThat(stolen.get("/api/v1/session").statusCode()).as("the other session").isEqualTo(401);
    }

    @Test
    void row8AnotherSitesPageCannotSignTheVictimIn() {
        Session victim = new Session(f);
        victim.headers.put("Origin", "https://attacker.example");
        victim.headers.put("Sec-Fetch-Site", "cross-site");
        victim.send("POST", "/signin", "user=admin&password=" + ServerFixture.NEW_ADMIN_PASSWORD,
                "application/x-www-form-urlencoded");
        victim.headers.clear();
        assertThat(victim.get("/api/v1/session").statusCode()).as("the victim's browser afterwards").isEqualTo(401);
    }

    @Test
    void row9WrongPasswordsFromElsewhereDoNotLockTheAdminOut() {
        for (int i = 0; i < 6; i++) {
            signInFrom("127.0.0.3", "admin", "guess-" + i);
        }
        Session real = new Session(f);
        HttpResponse<String> r = real.json("POST", "/api/v1/session", Map.of("user", "admin", "password",
                ServerFixture.NEW_ADMIN_PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void row10TheMetricsTellNobodyWhichConnectionsExist() {
        admin.json("POST", "/api/v1/connections/shared/test", null);
        HttpResponse<String> r = new Session(f).get("/metrics");
        assertThat(r.body()).doesNotContain("shared");
        assertThat(r.statusCode()).isIn(401, 403, 404);
    }

    @Test
    void row11AStrangersCallbackDoesNotSpendTheOwnersAuthorization() {
        URI callback = ServerApiTest.consent(admin, "shared");
        Session stranger = f.member(admin, "stranger");
        stranger.get(callback.toString());
        HttpResponse<String> own = admin.get(callback.toString());
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(own.body()).contains("Authorized as");
    }

    /** A JSON sign-in from another loopback address: a different client machine. */
    static int signInFrom(String localAddress, String user, String password) {
        byte[] body = ("{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}").getBytes(StandardCharsets.UTF_8);
        URI base = URI.create(f.base);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/session HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nContent-Type: "
                    + "application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            return Integer.parseInt(new String(in.readNBytes(12), StandardCharsets.US_ASCII).substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
