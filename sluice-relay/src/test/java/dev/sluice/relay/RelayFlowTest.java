package dev.sluice.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.auth.ConnectionAuthorizer;
import dev.sluice.auth.ConnectionCredentials;
import dev.sluice.auth.OAuthException;
import dev.sluice.emulator.Emulator;
import dev.sluice.store.AuthMethod;
import dev.sluice.store.AuthSettings;
import dev.sluice.store.CallbackMode;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionSettings;
import dev.sluice.store.OrgUrl;
import dev.sluice.store.SluiceStore;
import dev.sluice.store.TokenState;
import dev.sluice.testing.EmulatorBrowser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sign-in whose redirect URI is the relay's: identity provider → relay → the instance's loopback
 * receiver, which redeems the code with the verifier that never left it. And the attacks.
 */
class RelayFlowTest {
    static final String RITA = "rita@relay.test";
    static final String PASSWORD = "relay-demo-password";
    static final String TENANT = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a";
    static final String CLIENT = "6e5d4c3b-2a1f-4e0d-9c8b-7a6f5e4d3c2b";

    @TempDir
    Path home;
    Emulator emulator;
    SluiceRelay relay;
    SluiceStore store;
    ConnectionCredentials credentials;
    ConnectionAuthorizer authorizer;

    @BeforeEach
    void start() throws Exception {
        emulator = Emulator.builder().directoryFile(Path.of(getClass().getResource("/relay-directory.yaml").toURI()))
                .start();
        relay = SluiceRelay.start(RelayOptions.loopback(Set.of()));
        store = SluiceStore.builder().home(home).build();
        credentials = new ConnectionCredentials(store, Clock.systemUTC());
        authorizer = new ConnectionAuthorizer(credentials);
    }

    @AfterEach
    void stop() {
        store.close();
        relay.close();
        emulator.close();
    }

    Connection viaRelay(String name) {
        AuthSettings auth = new AuthSettings(AuthMethod.AUTHORIZATION_CODE, CLIENT, null, CallbackMode.LOOPBACK,
                URI.create(relay.localUrl() + "/callback"), null, null, null);
        return store.connections().create(new ConnectionSettings(name, null, OrgUrl.parse(emulator.orgUrl()), null,
                null, TENANT, auth, null), "alice");
    }

    @Test
    void signInThroughTheRelayAuthorizesTheConnection() {
        Connection c = viaRelay("shared-app");
        String[] finalPage = new String[1];
        var status = authorizer.authorizeInBrowser(c, "alice", url -> {
            assertThat(url.getQuery()).contains("redirect_uri=" + relay.localUrl() + "/callback");
            finalPage[0] = new EmulatorBrowser().signIn(url, RITA, PASSWORD).body();
        }, Duration.ofSeconds(30));
        assertThat(finalPage[0]).contains("You can close this tab");
        assertThat(status.state()).isEqualTo(TokenState.AUTHORIZED);
        assertThat(status.account()).isEqualTo(RITA);
        assertThat(relay.stats().flows()).containsEntry("127.0.0.1", 1L);
    }

    @Test
    void aTamperedStateIsRejectedByTheInstanceAndACodeTakenAtTheRelayIsUseless() {
        Connection c = viaRelay("tamper");
        assertThatThrownBy(() -> authorizer.authorizeInBrowser(c, "alice", url -> {
            EmulatorBrowser browser = new EmulatorBrowser();
            // stop at the relay's confirmation page and change the state the instance will get
            HttpResponse<String> atRelay = browser.signInUntil(url, RITA, PASSWORD, relay.localUrl().getPort());
            Map<String, String> fields = hidden(atRelay.body());
            String state = fields.get("state");
            fields.put("state", state.substring(0, state.length() - 4) + "AAAA");
            // the intercepted code cannot be redeemed without the verifier that stayed on the instance
            var tokens = credentials.tokenClient(c);
            assertThatThrownBy(() -> tokens.redeemCode(fields.get("code"), "x".repeat(43),
                    URI.create(relay.localUrl() + "/callback"), credentials.scopes(c)))
                    .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo("invalid_grant"));
            browser.post(URI.create(relay.localUrl() + "/continue"), fields);
        }, Duration.ofSeconds(30))).isInstanceOfSatisfying(OAuthException.class,
                e -> assertThat(e.getMessage()).contains("state does not match"));
        assertThat(store.tokens().get(c.id())).isEmpty();
    }

    @Test
    void aReplayedCallbackIsRejectedByTheServerInstance() throws Exception {
        com.sun.net.httpserver.HttpServer instance = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 4);
        java.util.concurrent.CompletableFuture<Map<String, String>> got = new java.util.concurrent.CompletableFuture<>();
        instance.createContext("/oauth2/callback", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            Map<String, String> params = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                params.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
            got.complete(params);
        });
        instance.start();
        try {
            URI callback = URI.create("http://127.0.0.1:" + instance.getAddress().getPort() + "/oauth2/callback");
            AuthSettings auth = new AuthSettings(AuthMethod.AUTHORIZATION_CODE, CLIENT, null, CallbackMode.SERVER,
                    URI.create(relay.localUrl() + "/callback"), null, null, null);
            Connection c = store.connections().create(new ConnectionSettings("server-relay", null,
                    OrgUrl.parse(emulator.orgUrl()), null, null, TENANT, auth, null), "alice");
            new EmulatorBrowser().signIn(authorizer.begin(c, "alice", callback), RITA, PASSWORD);
            Map<String, String> params = got.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(authorizer.complete(params, "alice").state()).isEqualTo(TokenState.AUTHORIZED);
            assertThatThrownBy(() -> authorizer.complete(params, "alice"))
                    .isInstanceOf(dev.sluice.core.SluiceException.class);
        } finally {
            instance.stop(0);
        }
    }

    private static Map<String, String> hidden(String html) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            out.put(m.group(1), m.group(2).replace("&quot;", "\"").replace("&amp;", "&"));
        }
        return out;
    }
}
