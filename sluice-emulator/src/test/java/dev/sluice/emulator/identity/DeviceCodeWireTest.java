package dev.sluice.emulator.identity;

import static dev.sluice.emulator.identity.AadAssert.assertAadError;
import static dev.sluice.emulator.identity.IdWire.CLI;
import static dev.sluice.emulator.identity.IdWire.DANA;
import static dev.sluice.emulator.identity.IdWire.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceCodeWireTest {
    IdWire wire;
    JsonNode started;

    @BeforeEach
    void start() {
        wire = IdWire.start();
        HttpResponse<String> r = wire.postForm(wire.tenantUrl("/oauth2/v2.0/devicecode"), IdWire.form("client_id", CLI,
                "scope", wire.org() + "/user_impersonation offline_access openid"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        started = json(r);
    }

    @AfterEach
    void stop() {
        wire.close();
    }

    HttpResponse<String> poll() {
        return wire.token("grant_type", "urn:ietf:params:oauth:grant-type:device_code", "client_id", CLI,
                "device_code", started.get("device_code").asText());
    }

    /** Types the user code on the verification page, signs in as Dana, and answers the consent page. */
    HttpResponse<String> approve(String decision) {
        IdWire.Browser b = wire.browser();
        HttpResponse<String> entry = b.get(started.get("verification_uri").asText());
        assertThat(entry.body()).contains("Enter code");
        HttpResponse<String> signIn = b.submit(entry, "/devicelogin", "otc", started.get("user_code").asText());
        assertThat(signIn.body()).contains("Sign in", "Sluice CLI");
        HttpResponse<String> consent = b.signIn(signIn, DANA);
        return b.consent(consent, decision);
    }

    @Test
    void deviceCodeResponseHasTheRealShape() {
        assertThat(started.get("user_code").asText()).matches("[A-Z2-9]{9}");
        assertThat(started.get("device_code").asText()).isNotBlank();
        assertThat(started.get("verification_uri").asText()).isEqualTo(wire.base() + "/devicelogin");
        assertThat(started.get("expires_in").asInt()).isEqualTo(900);
        assertThat(started.get("interval").asInt()).isEqualTo(5);
        assertThat(started.get("message").asText()).isEqualTo("To sign in, use a web browser to open the page "
                + wire.base() + "/devicelogin and enter the code " + started.get("user_code").asText()
                + " to authenticate.");
    }

    @Test
    void pollingBeforeTheUserSignsInIsAuthorizationPending() {
        assertAadError(poll(), 400, "authorization_pending", 70016);
    }

    @Test
    void pollingFasterThanTheIntervalIsSlowDown() {
        poll();
        wire.clock.advance(Duration.ofSeconds(2));
        assertAadError(poll(), 400, "slow_down", 70016);
        wire.clock.advance(Duration.ofSeconds(10));
        assertAadError(poll(), 400, "authorization_pending", 70016);
    }

    @Test
    void aClientPollingAtTheIntervalIsAnsweredPendingNeverSlowDown() {
        assertAadError(poll(), 400, "authorization_pending", 70016);
        for (int i = 0; i < 6; i++) {
            // the interval timed from the previous request's start: its answer took a moment, so this one comes
            // in a little under five seconds after the previous one arrived
            wire.clock.advance(Duration.ofMillis(4_700));
            assertAadError(poll(), 400, "authorization_pending", 70016);
        }
    }

    @Test
    void theFirstPollAfterTheUserSignsInGetsTheTokenWhateverTheTiming() {
        assertAadError(poll(), 400, "authorization_pending", 70016);
        wire.clock.advance(Duration.ofSeconds(1));
        approve("accept");
        HttpResponse<String> r = poll();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).has("access_token")).isTrue();
    }

    @Test
    void afterTheUserApprovesThePollGetsTokensOnce() {
        HttpResponse<String> done = approve("accept");
        assertThat(done.body()).contains("You have signed in to the Sluice CLI application on your device.");
        HttpResponse<String> r = poll();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode b = json(r);
        assertThat(b.has("refresh_token")).isTrue();
        assertThat(b.has("id_token")).isTrue();
        assertThat(json(wire.whoAmI(b.get("access_token").asText())).get("UserId").asText())
                .isEqualTo(IdWire.DANA_SYSTEMUSER);
        wire.clock.advance(Duration.ofSeconds(6));
        assertAadError(poll(), 400, "invalid_grant", 54005);
    }

    @Test
    void declinedOnTheConsentPageIsAuthorizationDeclined() {
        assertThat(approve("cancel").body()).contains("declined");
        assertAadError(poll(), 400, "authorization_declined", 70000);
    }

    @Test
    void codeExpiresAfterFifteenMinutes() {
        wire.clock.advance(Duration.ofMinutes(15));
        assertAadError(poll(), 400, "expired_token", 70019);
    }

    @Test
    void wrongUserCodeShowsAnErrorOnThePage() {
        IdWire.Browser b = wire.browser();
        HttpResponse<String> r = b.submit(b.get(wire.base() + "/devicelogin"), "/devicelogin", "otc", "NOPE12345");
        assertThat(r.body()).contains("That code didn&#39;t work.");
    }

    @Test
    void unknownDeviceCodeIsBadVerificationCode() {
        assertAadError(wire.token("grant_type", "urn:ietf:params:oauth:grant-type:device_code", "client_id", CLI,
                "device_code", "nope"), 400, "bad_verification_code", 70000);
    }

    @Test
    void deviceCodeRequestWithoutScopeIs900144() {
        assertAadError(wire.postForm(wire.tenantUrl("/oauth2/v2.0/devicecode"), IdWire.form("client_id", CLI)),
                400, "invalid_request", 900144);
    }
}
