package dev.sluice.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OAuth2 client side against an independent OAuth2/OIDC server (not our emulator). */
class IndependentServerTest {
    static MockOAuth2Server server;
    static OAuthEndpoints endpoints;

    @BeforeAll
    static void start() {
        server = new MockOAuth2Server();
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        endpoints = new OAuthEndpoints(URI.create(server.authorizationEndpointUrl("default").toString()),
                URI.create(server.tokenEndpointUrl("default").toString()), null);
    }

    @AfterAll
    static void stop() {
        server.shutdown();
    }

    private static TokenClient client(OAuthClient c) {
        return new TokenClient(endpoints, c, Clock.systemUTC(), Duration.ofSeconds(10));
    }

    @Test
    void clientCredentialsWithASecretGetAnAccessToken() {
        TokenSet t = client(OAuthClient.withSecret("svc", Secret.of("s3cret"))).clientCredentials(List.of("api://x/.default"));
        assertThat(t.accessToken().reveal()).contains(".");
        assertThat(t.refreshToken()).isNull();
        assertThat(t.expiresAt()).isAfter(t.obtainedAt());
        assertThat(t.toString()).doesNotContain(t.accessToken().reveal());
    }

    @Test
    void authorizationCodeWithPkceThenRefresh() throws Exception {
        TokenClient tokens = client(OAuthClient.publicClient("cli"));
        AuthorizationCodeFlow flow = new AuthorizationCodeFlow(tokens, List.of("openid", "offline_access", "profile"),
                Clock.systemUTC());
        try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
            PendingAuthorization pending = flow.begin(receiver.redirectUri(), "ann@example.com", null, false);
            assertThat(pending.authorizationUrl().getQuery()).contains("code_challenge_method=S256")
                    .contains("state=").contains("nonce=").doesNotContain(pending.codeVerifier().reveal());
            // a browser would follow the authorize redirect to the loopback receiver
            HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build();
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(pending.authorizationUrl()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("You can close this tab");
            Map<String, String> callback = receiver.await(Duration.ofSeconds(10));
            TokenSet t = flow.complete(pending, callback);
            assertThat(t.refreshToken()).isNotNull();
            TokenSet refreshed = tokens.refresh(t.refreshToken(), List.of("openid", "offline_access"));
            assertThat(refreshed.accessToken()).isNotEqualTo(t.accessToken());
        }
    }

    @Test
    void aCallbackWithAnotherStateIsRefusedBeforeAnyCodeIsRedeemed() {
        AuthorizationCodeFlow flow = new AuthorizationCodeFlow(client(OAuthClient.publicClient("cli")),
                List.of("openid"), Clock.systemUTC());
        PendingAuthorization pending = flow.begin(URI.create("http://127.0.0.1:1/"), null, null, false);
        assertThatThrownBy(() -> flow.complete(pending, Map.of("code", "x", "state", "forged")))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("state does not match");
                });
        assertThatThrownBy(() -> flow.complete(pending, Map.of("error", "access_denied",
                "state", pending.state().reveal())))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.getMessage()).contains("cancelled"));
    }

    @Test
    void endpointsMustBeHttpsExceptOnLoopback() {
        assertThatThrownBy(() -> new OAuthEndpoints(URI.create("http://login.example.com/a"),
                URI.create("https://login.example.com/t"), null)).hasMessageContaining("must use https");
    }
}
