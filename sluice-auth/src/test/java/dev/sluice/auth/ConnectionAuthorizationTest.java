package dev.sluice.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.store.AuthMethod;
import dev.sluice.store.CallbackMode;
import dev.sluice.store.Connection;
import dev.sluice.store.SecretStore;
import dev.sluice.store.TokenState;
import dev.sluice.store.TokenStatus;
import dev.sluice.testing.EmulatorBrowser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each auth method of a stored connection, against the emulated identity platform, end to end. */
class ConnectionAuthorizationTest {
    static final String DANA = "dana@demo.sluice.dev";
    static final String DANA_SYSTEMUSER = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

    @TempDir
    Path home;
    EmulatedOrg org;

    @BeforeEach
    void start() {
        org = new EmulatedOrg(home);
    }

    @AfterEach
    void stop() {
        org.close();
    }

    String whoAmI(TokenCredential credential) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(org.emulator.webApiUrl() + "WhoAmI"))
                .header("Authorization", "Bearer " + credential.token().value().reveal()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Wire.JSON.readTree(r.body()).path("UserId").asText();
    }

    Connection danaInBrowser(String name) {
        Connection c = org.connection(name, AuthMethod.AUTHORIZATION_CODE, "Sluice CLI", CallbackMode.LOOPBACK, null);
        TokenStatus status = org.authorizer.authorizeInBrowser(c, "alice",
                url -> new EmulatorBrowser().signIn(url, DANA, org.password().reveal()), Duration.ofSeconds(30));
        assertThat(status.state()).isEqualTo(TokenState.AUTHORIZED);
        return c;
    }

    @Test
    void clientSecretConnectionActsAsTheApplicationUser() throws Exception {
        Connection c = org.serviceConnection("svc");
        TokenStatus status = org.authorizer.authorizeClientCredentials(c, "alice");
        assertThat(status.state()).isEqualTo(TokenState.AUTHORIZED);
        assertThat(status.account()).isEqualTo(org.app("Sluice Service").clientId().toString());
        assertThat(status.hasRefreshToken()).isFalse();
        assertThat(whoAmI(org.credentials.credential(c))).isEqualTo("3f8d4a5b-7e6c-4f9d-a0b1-4c5d6e7f8091");
    }

    @Test
    void clientCertificateConnectionSignsAnAssertion() throws Exception {
        var app = org.app("Sluice Service");
        Connection c = org.connection("cert", AuthMethod.CLIENT_CERTIFICATE, "Sluice Service", null, null);
        // the emulator registers the service principal's public key (no X.509 certificate to send)
        org.store.secrets().put(c.id(), SecretStore.CERTIFICATE_PRIVATE_KEY, app.certificatePrivateKeyPem(), "alice");
        TokenStatus status = org.authorizer.authorizeClientCredentials(c, "alice");
        assertThat(status.state()).isEqualTo(TokenState.AUTHORIZED);
        assertThat(whoAmI(org.credentials.credential(c))).isEqualTo("3f8d4a5b-7e6c-4f9d-a0b1-4c5d6e7f8091");
    }

    @Test
    void browserSignInThroughTheLoopbackReceiverStoresARefreshableGrant() throws Exception {
        Connection c = danaInBrowser("dana");
        TokenStatus status = org.store.tokens().status(c.id());
        assertThat(status.account()).isEqualTo(DANA);
        assertThat(status.hasRefreshToken()).isTrue();
        assertThat(status.scopes()).anyMatch(s -> s.endsWith("user_impersonation"));
        assertThat(whoAmI(org.credentials.credential(c))).isEqualTo(DANA_SYSTEMUSER);
    }

    @Test
    void deviceCodeSignIn() throws Exception {
        Connection c = org.connection("device", AuthMethod.DEVICE_CODE, "Sluice CLI", null, null);
        String[] shown = new String[1];
        TokenStatus status = org.authorizer.authorizeWithDeviceCode(c, "alice", challenge -> {
            shown[0] = challenge.message();
            new EmulatorBrowser().approveDeviceCode(challenge.verificationUri(), challenge.userCode(), DANA,
                    org.password().reveal());
        }, d -> { });
        assertThat(shown[0]).contains("enter the code");
        assertThat(status.state()).isEqualTo(TokenState.AUTHORIZED);
        assertThat(whoAmI(org.credentials.credential(c))).isEqualTo(DANA_SYSTEMUSER);
    }

    @Test
    void serverCallbackRefusesTamperedReplayedExpiredAndForeignStates() throws Exception {
        try (Callback callback = new Callback()) {
            Connection c = org.connection("web", AuthMethod.AUTHORIZATION_CODE, "Sluice Server", CallbackMode.SERVER,
                    callback.uri());
            org.store.secrets().put(c.id(), SecretStore.CLIENT_SECRET, org.app("Sluice Server").secrets().get(0),
                    "alice");
            URI url = org.authorizer.begin(c, "alice", callback.uri());
            new EmulatorBrowser().signIn(url, DANA, org.password().reveal());
            Map<String, String> params = callback.await();
            assertThat(params).containsKeys("code", "state");

            Map<String, String> tampered = new LinkedHashMap<>(params);
            tampered.put("state", params.get("state") + "x");
            assertThatThrownBy(() -> org.authorizer.complete(tampered, "alice")).isInstanceOf(SluiceException.class);
            assertThat(org.store.tokens().status(c.id()).state()).isNotEqualTo(TokenState.AUTHORIZED);

            assertThat(org.authorizer.complete(params, "alice").state()).isEqualTo(TokenState.AUTHORIZED);
            assertThatThrownBy(() -> org.authorizer.complete(params, "alice")).isInstanceOf(SluiceException.class);

            URI second = org.authorizer.begin(c, "alice", callback.uri());
            new EmulatorBrowser().signIn(second, DANA, org.password().reveal());
            Map<String, String> other = callback.await();
            assertThatThrownBy(() -> org.authorizer.complete(other, "mallory")).isInstanceOf(SluiceException.class);

            URI third = org.authorizer.begin(c, "alice", callback.uri());
            new EmulatorBrowser().signIn(third, DANA, org.password().reveal());
            Map<String, String> late = callback.await();
            org.clock.advance(Duration.ofMinutes(11));
            assertThatThrownBy(() -> org.authorizer.complete(late, "alice")).isInstanceOf(SluiceException.class);
        }
    }

    @Test
    void aCodeIsUselessWithoutTheVerifierThatNeverLeftTheInstance() throws Exception {
        try (Callback callback = new Callback()) {
            Connection c = org.connection("pkce", AuthMethod.AUTHORIZATION_CODE, "Sluice Server", CallbackMode.SERVER,
                    callback.uri());
            org.store.secrets().put(c.id(), SecretStore.CLIENT_SECRET, org.app("Sluice Server").secrets().get(0),
                    "alice");
            new EmulatorBrowser().signIn(org.authorizer.begin(c, "alice", callback.uri()), DANA,
                    org.password().reveal());
            Map<String, String> params = callback.await();
            TokenClient tokens = org.credentials.tokenClient(c);
            assertThatThrownBy(() -> tokens.redeemCode(params.get("code"), "an-attacker-guessed-verifier-of-43-chars-xx",
                    callback.uri(), org.credentials.scopes(c)))
                    .isInstanceOfSatisfying(OAuthException.class, e -> {
                        assertThat(e.error()).isEqualTo("invalid_grant");
                        assertThat(e.getMessage()).contains("AADSTS501481");
                    });
        }
    }

    @Test
    void cancelledConsentIsReportedAndStoresNothing() {
        Connection c = org.connection("cancel", AuthMethod.AUTHORIZATION_CODE, "Sluice CLI", CallbackMode.LOOPBACK,
                null);
        assertThatThrownBy(() -> org.authorizer.authorizeInBrowser(c, "alice",
                url -> new EmulatorBrowser().signIn(url, DANA, org.password().reveal(), "cancel"),
                Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.error()).isEqualTo("access_denied");
                    assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
                });
        assertThat(org.store.tokens().get(c.id())).isEmpty();
    }

    @Test
    void revokedRefreshTokenPutsTheConnectionInNeedsAuthorizationAndStopsRetrying() {
        Connection c = danaInBrowser("revoked");
        TokenCredential credential = org.credentials.credential(c);
        credential.token();
        org.emulator.identity().revokeRefreshTokens(DANA);
        org.emulator.identity().resetTokenRequestCounts();
        org.clock.advance(Duration.ofMinutes(61));
        assertThatThrownBy(credential::token).isInstanceOfSatisfying(OAuthException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
            assertThat(e.getMessage()).contains("needs authorization").contains("sluice auth login revoked");
        });
        TokenStatus status = org.store.tokens().status(c.id());
        assertThat(status.state()).isEqualTo(TokenState.NEEDS_AUTHORIZATION);
        assertThat(status.lastError()).contains("invalid_grant");
        long requests = org.emulator.identity().tokenRequests().values().stream().mapToLong(Long::longValue).sum();
        assertThatThrownBy(credential::token).isInstanceOf(OAuthException.class);
        assertThat(org.emulator.identity().tokenRequests().values().stream().mapToLong(Long::longValue).sum())
                .as("no more calls to the identity provider").isEqualTo(requests);
    }

    @Test
    void identityProviderOutageDuringRefreshIsRiddenOutWhileTheTokenIsValid() throws Exception {
        Connection c = danaInBrowser("outage");
        TokenCredential credential = org.credentials.credential(c);
        AccessToken before = credential.token();
        org.clock.advance(Duration.ofMinutes(57)); // inside the 5-minute refresh skew, still valid
        org.waits.clear();
        org.emulator.faults().add(dev.sluice.emulator.FaultSpec.status(503).times(2)
                .pathRegex(".*/oauth2/v2\\.0/token"));
        AccessToken after = credential.token();
        assertThat(after.value()).isNotEqualTo(before.value());
        assertThat(whoAmI(credential)).isEqualTo(DANA_SYSTEMUSER);
        assertThat(org.waits).as("two backed-off waits, about 0.5 s then 1 s").hasSize(2);
        assertThat(org.waits.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(org.waits.get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void aTokenTheServiceRefusedIsNotHandedBackWhileTheIdentityProviderIsDown() throws Exception {
        Connection c = danaInBrowser("refused-outage");
        TokenCredential credential = org.credentials.credential(c);
        AccessToken refused = credential.token();
        org.emulator.faults().add(dev.sluice.emulator.FaultSpec.status(503).times(3)
                .pathRegex(".*/oauth2/v2\\.0/token"));
        // the service refused the token (revoked) while the identity provider is down: no token to give, and a
        // passing failure, so the caller waits and tries again instead of sending the refused token once more
        assertThatThrownBy(() -> credential.refreshAfterRejection(refused))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TRANSIENT));
        AccessToken fresh = credential.refreshAfterRejection(refused);
        assertThat(fresh.value()).isNotEqualTo(refused.value());
        assertThat(whoAmI(credential)).isEqualTo(DANA_SYSTEMUSER);
    }

    @Test
    void aBroughtTokenIsReadFromTheStoreOncePerFewSecondsAndAgainAfterARejection() {
        Connection byo = org.store.connections().create(new dev.sluice.store.ConnectionSettings("byo3", null,
                dev.sluice.store.OrgUrl.parse(org.emulator.orgUrl()), null, null, org.tenant(),
                new dev.sluice.store.AuthSettings(AuthMethod.STATIC_TOKEN, null, null, null, null, null, null, null),
                null), "alice");
        java.time.Instant expires = org.clock.instant().plus(Duration.ofHours(1));
        org.authorizer.storeToken(byo, "alice", Secret.of("first-token"), expires, null);
        TokenCredential credential = org.credentials.credential(byo);
        assertThat(credential.token().value().reveal()).isEqualTo("first-token");

        // another process (sluice auth login) stores a new token: the one read is kept for a few seconds
        org.authorizer.storeToken(byo, "alice", Secret.of("second-token"), expires, null);
        assertThat(credential.token().value().reveal()).isEqualTo("first-token");
        org.clock.advance(Duration.ofSeconds(11));
        assertThat(credential.token().value().reveal()).isEqualTo("second-token");

        // a token the service refused is read again at once
        org.authorizer.storeToken(byo, "alice", Secret.of("third-token"), expires, null);
        assertThat(credential.refreshAfterRejection(credential.token()).value().reveal()).isEqualTo("third-token");
        assertThat(credential.token().value().reveal()).isEqualTo("third-token");
    }

    @Test
    void aBroughtTokenIsUsedUntilItExpires() throws Exception {
        Connection c = org.connection("byo", AuthMethod.STATIC_TOKEN, "Sluice CLI", null, null);
        // bring a token obtained elsewhere (here: the service principal's)
        TokenSet t = new TokenClient(org.credentials.endpoints(c), OAuthClient.withSecret(
                org.app("Sluice Service").clientId().toString(), org.app("Sluice Service").secrets().get(0)),
                org.clock, Duration.ofSeconds(10)).clientCredentials(java.util.List.of(org.emulator.orgUrl() + "/.default"));
        Connection byo = org.store.connections().create(new dev.sluice.store.ConnectionSettings("byo2", null,
                dev.sluice.store.OrgUrl.parse(org.emulator.orgUrl()), null, null, org.tenant(),
                new dev.sluice.store.AuthSettings(AuthMethod.STATIC_TOKEN, null, null, null, null, null, null, null),
                null), "alice");
        org.authorizer.storeToken(byo, "alice", t.accessToken(), t.expiresAt(), null);
        assertThat(whoAmI(org.credentials.credential(byo))).isEqualTo("3f8d4a5b-7e6c-4f9d-a0b1-4c5d6e7f8091");
        org.clock.advance(Duration.ofHours(2));
        assertThatThrownBy(() -> org.credentials.credential(byo).token())
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.getMessage()).contains("expired"));
        assertThat(c.name()).isEqualTo("byo");
    }

    /** A stand-in for the server's callback route: records one callback's query parameters. */
    static final class Callback implements AutoCloseable {
        private final HttpServer server;
        private volatile CompletableFuture<Map<String, String>> next = new CompletableFuture<>();

        Callback() throws Exception {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
            server.createContext("/oauth/callback", ex -> {
                Map<String, String> params = new LinkedHashMap<>();
                String q = ex.getRequestURI().getRawQuery();
                for (String pair : q == null ? new String[0] : q.split("&")) {
                    int eq = pair.indexOf('=');
                    params.put(java.net.URLDecoder.decode(pair.substring(0, eq), "UTF-8"),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), "UTF-8"));
                }
                byte[] ok = "ok".getBytes();
                ex.sendResponseHeaders(200, ok.length);
                ex.getResponseBody().write(ok);
                ex.close();
                next.complete(params);
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth/callback");
        }

        Map<String, String> await() throws Exception {
            Map<String, String> p = next.get(10, TimeUnit.SECONDS);
            next = new CompletableFuture<>();
            return p;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
