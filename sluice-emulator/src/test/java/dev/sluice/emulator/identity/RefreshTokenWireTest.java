package dev.sluice.emulator.identity;

import static dev.sluice.emulator.identity.AadAssert.assertAadError;
import static dev.sluice.emulator.identity.IdWire.CLI;
import static dev.sluice.emulator.identity.IdWire.DANA;
import static dev.sluice.emulator.identity.IdWire.json;
import static dev.sluice.emulator.identity.IdWire.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefreshTokenWireTest {
    IdWire wire;
    String refreshToken;

    @BeforeEach
    void signIn() {
        wire = IdWire.start(b -> b.refreshTokenLifetime(Duration.ofDays(1)));
        refreshToken = json(tokensForDana()).get("refresh_token").asText();
        wire.emulator.identity().resetTokenRequestCounts();
    }

    @AfterEach
    void stop() {
        wire.close();
    }

    HttpResponse<String> tokensForDana() {
        String redirect = "http://127.0.0.1:5000/";
        IdWire.Browser b = wire.browser();
        HttpResponse<String> consent = b.signIn(b.get(wire.authorizeUrl("client_id", CLI, "response_type", "code",
                "redirect_uri", redirect, "scope", wire.org() + "/user_impersonation offline_access")), DANA);
        String code = params(b.consent(consent, "accept").headers().firstValue("Location").orElseThrow()).get("code");
        return wire.token("grant_type", "authorization_code", "client_id", CLI, "code", code, "redirect_uri", redirect);
    }

    HttpResponse<String> refresh(String token) {
        return wire.token("grant_type", "refresh_token", "client_id", CLI, "refresh_token", token);
    }

    @Test
    void refreshGivesANewAccessTokenAndANewRefreshToken() {
        HttpResponse<String> r = refresh(refreshToken);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode b = json(r);
        assertThat(b.get("refresh_token").asText()).isNotEqualTo(refreshToken).startsWith("0.A");
        assertThat(b.get("scope").asText()).isEqualTo(wire.org() + "/user_impersonation");
        assertThat(wire.whoAmI(b.get("access_token").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void oldRefreshTokenKeepsWorkingAfterUseAsTheDocumentationSays() {
        assertThat(refresh(refreshToken).statusCode()).isEqualTo(200);
        assertThat(refresh(refreshToken).statusCode()).isEqualTo(200);
    }

    @Test
    void tokenRequestsAreCountedPerGrantTypeAndClient() {
        refresh(refreshToken);
        assertThat(wire.emulator.identity().tokenRequests("refresh_token", CLI)).isEqualTo(1);
        assertThat(wire.emulator.identity().tokenRequests("authorization_code", CLI)).isZero();
        HttpResponse<String> admin = wire.get(wire.base() + "/_emulator/identity/token-requests?grant_type="
                + "refresh_token&client_id=" + CLI);
        assertThat(json(admin).get("total").asLong()).isEqualTo(1);
        assertThat(json(admin).get("counts").get("refresh_token " + CLI).asLong()).isEqualTo(1);
    }

    @Test
    void revokedRefreshTokenIs50173() {
        assertThat(wire.emulator.identity().revokeRefreshTokens(DANA)).isEqualTo(1);
        assertAadError(refresh(refreshToken), 400, "invalid_grant", 50173);
    }

    @Test
    void revokingThroughTheAdminPathWorksToo() {
        HttpResponse<String> r = wire.postForm(wire.base() + "/_emulator/identity/users/" + DANA + "/revoke", "");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("revoked").asInt()).isEqualTo(1);
        assertAadError(refresh(refreshToken), 400, "invalid_grant", 50173);
    }

    @Test
    void expiredRefreshTokenIs700082() {
        wire.clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertAadError(refresh(refreshToken), 400, "invalid_grant", 700082);
    }

    @Test
    void refreshTokenOfAnotherClientIsRefused() {
        assertAadError(wire.token("grant_type", "refresh_token", "client_id", IdWire.WEB, "client_secret",
                IdWire.WEB_SECRET, "refresh_token", refreshToken), 400, "invalid_grant", 70000);
    }

    @Test
    void madeUpRefreshTokenIsMalformed() {
        assertAadError(refresh("0.Agarbage"), 400, "invalid_grant", 9002313);
    }

    @Test
    void missingRefreshTokenIs900144() {
        assertAadError(wire.token("grant_type", "refresh_token", "client_id", CLI), 400, "invalid_request", 900144);
    }

    @Test
    void askingForAPermissionTheUserNeverConsentedToIs65001WithSuberror() {
        String redirect = "http://127.0.0.1:5000/";
        IdWire.Browser b = wire.browser();
        wire.emulator.identity().resetConsent();
        HttpResponse<String> consent = b.signIn(b.get(wire.authorizeUrl("client_id", CLI, "response_type", "code",
                "redirect_uri", redirect, "scope", "openid offline_access")), DANA);
        String code = params(b.consent(consent, "accept").headers().firstValue("Location").orElseThrow()).get("code");
        JsonNode graphOnly = json(wire.token("grant_type", "authorization_code", "client_id", CLI, "code", code,
                "redirect_uri", redirect));
        assertThat(IdWire.claims(graphOnly.get("access_token").asText()).getAudience())
                .containsExactly("00000003-0000-0000-c000-000000000000");
        HttpResponse<String> r = wire.token("grant_type", "refresh_token", "client_id", CLI, "refresh_token",
                graphOnly.get("refresh_token").asText(), "scope", wire.org() + "/user_impersonation");
        JsonNode e = assertAadError(r, 400, "invalid_grant", 65001);
        assertThat(e.get("suberror").asText()).isEqualTo("consent_required");
    }

    @Test
    void refreshForAConsentedPermissionOfAnotherGrantWorks() {
        HttpResponse<String> r = wire.token("grant_type", "refresh_token", "client_id", CLI, "refresh_token",
                refreshToken, "scope", wire.org() + "/user_impersonation openid");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).has("id_token")).isTrue();
    }

    @Test
    void lifetimesCanBeChangedThroughTheAdminPath() {
        HttpResponse<String> put = IdWire.send(wire.http, "PUT", wire.base() + "/_emulator/identity/lifetimes",
                "{\"accessTokenSeconds\":120,\"refreshTokenSeconds\":60}", "application/json");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(json(put).get("accessTokenSeconds").asLong()).isEqualTo(120);
        JsonNode b = json(refresh(refreshToken));
        assertThat(b.get("expires_in").asInt()).isEqualTo(120);
        wire.clock.advance(Duration.ofSeconds(61));
        assertAadError(refresh(b.get("refresh_token").asText()), 400, "invalid_grant", 700082);
    }

    @Test
    void badLifetimeIsABadRequestNamingTheField() {
        HttpResponse<String> put = IdWire.send(wire.http, "PUT", wire.base() + "/_emulator/identity/lifetimes",
                "{\"accessTokenSeconds\":-5}", "application/json");
        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(put.body()).contains("accessTokenSeconds");
    }
}
