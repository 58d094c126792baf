package dev.sluice.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.store.AuthMethod;
import dev.sluice.store.CallbackMode;
import dev.sluice.store.Connection;
import dev.sluice.testing.EmulatorBrowser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 23 row 5: Sluice always sends PKCE (S256) and never redeems a code without its verifier. */
class PkceRequiredTest {
    @TempDir
    Path home;
    EmulatedOrg org;
    Connection c;
    AuthorizationCodeFlow flow;

    @BeforeEach
    void start() {
        org = new EmulatedOrg(home);
        c = org.connection("dana", AuthMethod.AUTHORIZATION_CODE, "Sluice CLI", CallbackMode.LOOPBACK, null);
        flow = new AuthorizationCodeFlow(org.credentials.tokenClient(c), org.credentials.scopes(c), org.clock);
    }

    @AfterEach
    void stop() {
        org.close();
    }

    @Test
    void everyAuthorizationUrlCarriesAnS256ChallengeOfTheKeptVerifier() throws Exception {
        try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
            PendingAuthorization pending = flow.begin(receiver.redirectUri(), null, null, false);
            Map<String, String> q = query(pending.authorizationUrl().getRawQuery());
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(pending.codeVerifier().reveal().getBytes(StandardCharsets.US_ASCII));
            assertThat(q).containsEntry("code_challenge_method", "S256")
                    .containsEntry("code_challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(hash));
        }
    }

    @Test
    void codeIsNeverRedeemedWithoutAPkceVerifier() {
        try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
            PendingAuthorization pending = flow.begin(receiver.redirectUri(), null, null, false);
            new EmulatorBrowser().signIn(pending.authorizationUrl(), ConnectionAuthorizationTest.DANA,
                    org.password().reveal());
            Map<String, String> callback = receiver.await(Duration.ofSeconds(30));
            assertThat(callback).containsKey("code");
            long before = org.emulator.stats().totalRequests();

            PendingAuthorization stripped = new PendingAuthorization(null, pending.state(), null, pending.nonce(),
                    pending.redirectUri(), pending.expiresAt());
            assertThatThrownBy(() -> flow.complete(stripped, callback))
                    .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTH))
                    .hasMessageContaining("never redeems an authorization code without PKCE");
            assertThat(org.emulator.stats().totalRequests()).as("requests sent to the identity provider")
                    .isEqualTo(before);

            // the same code with the kept verifier still redeems: nothing was spent on the refused attempt
            assertThat(flow.complete(pending, callback).accessToken()).isNotNull();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
