package dev.sluice.emulator.identity;

import static dev.sluice.emulator.identity.AadAssert.assertAadError;
import static dev.sluice.emulator.identity.IdWire.CLI;
import static dev.sluice.emulator.identity.IdWire.DANA;
import static dev.sluice.emulator.identity.IdWire.TENANT;
import static dev.sluice.emulator.identity.IdWire.claims;
import static dev.sluice.emulator.identity.IdWire.json;
import static dev.sluice.emulator.identity.IdWire.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthorizationCodeWireTest {
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-longer-than-43-chars";
    IdWire wire;
    String redirect;

    @BeforeEach
    void start() {
        wire = IdWire.start();
        redirect = "http://127.0.0.1:53682/";
    }

    @AfterEach
    void stop() {
        wire.close();
    }

    String authorize(String... extra) {
        String[] base = {"client_id", CLI, "response_type", "code", "redirect_uri", redirect, "scope",
            wire.org() + "/user_impersonation openid profile offline_access", "state", "st-123", "nonce", "n-456",
            "code_challenge", s256(VERIFIER), "code_challenge_method", "S256"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return wire.authorizeUrl(all);
    }

    /** Signs in and consents in a fresh browser; returns the final redirect. */
    HttpResponse<String> signInAndConsent(IdWire.Browser b, String url) {
        HttpResponse<String> signIn = b.get(url);
        assertThat(signIn.statusCode()).isEqualTo(200);
        HttpResponse<String> consent = b.signIn(signIn, DANA);
        assertThat(consent.statusCode()).isEqualTo(200);
        assertThat(consent.body()).contains("Permissions requested");
        return b.consent(consent, "accept");
    }

    HttpResponse<String> redeem(String code, String verifier) {
        return wire.token("grant_type", "authorization_code", "client_id", CLI, "code", code, "redirect_uri", redirect,
                "code_verifier", verifier, "client_info", "1");
    }

    @Test
    void signInPageIsServedWithSecurityHeaders() {
        HttpResponse<String> page = wire.browser().get(authorize());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "frame-ancestors 'none'", "form-action 'self' http://127.0.0.1:53682");
        assertThat(page.body()).contains("Sign in", "to continue to <b>Sluice CLI</b>");
        assertThat(IdWire.hidden(page.body())).containsKeys("flowToken", "canary");
    }

    @Test
    void consentPageNamesTheAppAndEachPermissionInPlainWords() {
        IdWire.Browser b = wire.browser();
        HttpResponse<String> consent = b.signIn(b.get(authorize()), DANA);
        assertThat(consent.body()).contains("Sluice CLI", "Access Dynamics 365 as you",
                "Maintain access to data you have given it access to", "Sign you in and read your profile",
                "View your basic profile", ">Accept<", ">Cancel<");
    }

    @Test
    void wholeFlowRedirectsWithCodeStateAndSessionStateAndTheCodeRedeemsForTokens() throws Exception {
        HttpResponse<String> done = signInAndConsent(wire.browser(), authorize());
        assertThat(done.statusCode()).isEqualTo(302);
        String location = done.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirect + "?code=");
        Map<String, String> p = params(location);
        assertThat(p).containsEntry("state", "st-123").containsKey("session_state");
        assertThat(p.get("session_state")).matches("[0-9a-f-]{36}");

        HttpResponse<String> r = redeem(p.get("code"), VERIFIER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode b = json(r);
        assertThat(b.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(b.get("scope").asText()).isEqualTo(wire.org() + "/user_impersonation");
        assertThat(b.get("expires_in").asInt()).isBetween(3600, 5400);
        assertThat(b.get("refresh_token").asText()).startsWith("0.A");
        JWTClaimsSet at = claims(b.get("access_token").asText());
        assertThat(at.getAudience()).containsExactly(wire.org());
        assertThat(at.getStringClaim("scp")).isEqualTo("user_impersonation");
        assertThat(at.getStringClaim("oid")).isEqualTo(IdWire.DANA_OID);
        assertThat(at.getStringClaim("upn")).isEqualTo(DANA);
        assertThat(at.getStringClaim("appid")).isEqualTo(CLI);
        assertThat(at.getStringClaim("appidacr")).isEqualTo("0");
        assertThat(at.getStringClaim("tid")).isEqualTo(TENANT);
        JWTClaimsSet id = claims(b.get("id_token").asText());
        assertThat(id.getAudience()).containsExactly(CLI);
        assertThat(id.getIssuer()).isEqualTo(wire.base() + "/" + TENANT + "/v2.0");
        assertThat(id.getStringClaim("nonce")).isEqualTo("n-456");
        assertThat(id.getStringClaim("preferred_username")).isEqualTo(DANA);
        String clientInfo = new String(Base64.getUrlDecoder().decode(b.get("client_info").asText()),
                StandardCharsets.UTF_8);
        assertThat(clientInfo).isEqualTo("{\"uid\":\"" + IdWire.DANA_OID + "\",\"utid\":\"" + TENANT + "\"}");

        HttpResponse<String> who = wire.whoAmI(b.get("access_token").asText());
        assertThat(who.statusCode()).isEqualTo(200);
        assertThat(json(who).get("UserId").asText()).isEqualTo(IdWire.DANA_SYSTEMUSER);
    }

    @Test
    void secondRedemptionOfACodeIs54005() {
        String code = params(signInAndConsent(wire.browser(), authorize()).headers().firstValue("Location")
                .orElseThrow()).get("code");
        assertThat(redeem(code, VERIFIER).statusCode()).isEqualTo(200);
        assertAadError(redeem(code, VERIFIER), 400, "invalid_grant", 54005);
    }

    @Test
    void wrongVerifierIs501481() {
        String code = params(signInAndConsent(wire.browser(), authorize()).headers().firstValue("Location")
                .orElseThrow()).get("code");
        assertAadError(redeem(code, VERIFIER.replace('d', 'e')), 400, "invalid_grant", 501481);
    }

    @Test
    void plainChallengeIsAcceptedAsTheRealServiceDoes() {
        String url = wire.authorizeUrl("client_id", CLI, "response_type", "code", "redirect_uri", redirect, "scope",
                wire.org() + "/user_impersonation", "code_challenge", VERIFIER, "code_challenge_method", "plain");
        String code = params(signInAndConsent(wire.browser(), url).headers().firstValue("Location").orElseThrow())
                .get("code");
        HttpResponse<String> r = redeem(code, VERIFIER);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).has("refresh_token")).isFalse();
        assertThat(json(r).has("id_token")).isFalse();
    }

    /** Issue 23 row 5: once the app used PKCE, a request without it is a downgrade (RFC 9700 §2.1.1). */
    @Test
    void authorizeRequestWithoutPkceIsRefusedOnceTheAppHasUsedPkce() {
        IdWire.Browser b = wire.browser();
        String code = params(signInAndConsent(b, authorize()).headers().firstValue("Location").orElseThrow())
                .get("code");
        assertThat(redeem(code, VERIFIER).statusCode()).isEqualTo(200);

        String withoutPkce = wire.authorizeUrl("client_id", CLI, "response_type", "code", "redirect_uri", redirect,
                "scope", wire.org() + "/user_impersonation", "state", "st-9");
        HttpResponse<String> refused = b.get(withoutPkce); // signed in and consented: would be a code at once
        assertThat(refused.statusCode()).isEqualTo(302);
        Map<String, String> p = params(refused.headers().firstValue("Location").orElseThrow());
        assertThat(p).doesNotContainKey("code").containsEntry("error", "invalid_request").containsEntry("state",
                "st-9");
        assertThat(p.get("error_description")).startsWith("AADSTS9002325: Proof Key for Code Exchange is required");
        // a fresh browser without a session is refused the same way, before any sign-in page
        assertThat(params(wire.browser().get(withoutPkce).headers().firstValue("Location").orElseThrow()))
                .containsEntry("error", "invalid_request");
    }

    @Test
    void appThatNeverUsedPkceMayStillSignInWithoutIt() {
        String url = wire.authorizeUrl("client_id", CLI, "response_type", "code", "redirect_uri", redirect, "scope",
                wire.org() + "/user_impersonation");
        assertThat(params(signInAndConsent(wire.browser(), url).headers().firstValue("Location").orElseThrow()))
                .containsKey("code");
    }

    @Test
    void verifierForACodeIssuedWithoutAChallengeIsRefused() {
        String url = wire.authorizeUrl("client_id", CLI, "response_type", "code", "redirect_uri", redirect, "scope",
                wire.org() + "/user_impersonation");
        String code = params(signInAndConsent(wire.browser(), url).headers().firstValue("Location").orElseThrow())
                .get("code");
        assertAadError(redeem(code, VERIFIER), 400, "invalid_grant", 501481);
    }

    @Test
    void codeExpiresAfterTenMinutes() {
        String code = params(signInAndConsent(wire.browser(), authorize()).headers().firstValue("Location")
                .orElseThrow()).get("code");
        wire.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertAadError(redeem(code, VERIFIER), 400, "invalid_grant", 70008);
    }

    @Test
    void redeemingWithAnotherRedirectUriIsRefused() {
        String code = params(signInAndConsent(wire.browser(), authorize()).headers().firstValue("Location")
                .orElseThrow()).get("code");
        assertAadError(wire.token("grant_type", "authorization_code", "client_id", CLI, "code", code, "redirect_uri",
                "http://127.0.0.1:9999/", "code_verifier", VERIFIER), 400, "invalid_request", 50011);
    }

    @Test
    void publicClientSendingASecretIs700025() {
        String code = params(signInAndConsent(wire.browser(), authorize()).headers().firstValue("Location")
                .orElseThrow()).get("code");
        assertAadError(wire.token("grant_type", "authorization_code", "client_id", CLI, "code", code, "redirect_uri",
                redirect, "code_verifier", VERIFIER, "client_secret", "x"), 401, "invalid_client", 700025);
    }

    @Test
    void madeUpCodeIsMalformed() {
        assertAadError(redeem("1.Anot-a-real-code", VERIFIER), 400, "invalid_grant", 9002313);
    }

    @Test
    void secondAuthorizeInTheSameBrowserSkipsPasswordAndConsent() {
        IdWire.Browser b = wire.browser();
        signInAndConsent(b, authorize());
        HttpResponse<String> again = b.get(authorize());
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(params(again.headers().firstValue("Location").orElseThrow())).containsKey("code");
    }

    @Test
    void promptLoginAsksForThePasswordAgain() {
        IdWire.Browser b = wire.browser();
        signInAndConsent(b, authorize());
        HttpResponse<String> again = b.get(authorize("prompt", "login"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("id=\"passwd\"");
    }

    @Test
    void promptConsentShowsTheConsentPageAgain() {
        IdWire.Browser b = wire.browser();
        signInAndConsent(b, authorize());
        assertThat(b.get(authorize("prompt", "consent")).body()).contains("Permissions requested");
    }

    @Test
    void promptSelectAccountShowsThePicker() {
        IdWire.Browser b = wire.browser();
        signInAndConsent(b, authorize());
        HttpResponse<String> picker = b.get(authorize("prompt", "select_account"));
        assertThat(picker.body()).contains("Pick an account", DANA, "Use another account");
        HttpResponse<String> done = b.submit(picker, "/" + TENANT + "/login", "select", "session");
        assertThat(done.statusCode()).isEqualTo(302);
    }

    @Test
    void promptNoneWithoutASessionRedirectsLoginRequired() {
        HttpResponse<String> r = wire.browser().get(authorize("prompt", "none"));
        assertThat(r.statusCode()).isEqualTo(302);
        Map<String, String> p = params(r.headers().firstValue("Location").orElseThrow());
        assertThat(p).containsEntry("error", "login_required").containsEntry("state", "st-123");
        assertThat(p.get("error_description")).startsWith("AADSTS50058: ");
    }

    @Test
    void promptNoneWithASessionButNoConsentRedirectsConsentRequired() {
        IdWire.Browser b = wire.browser();
        signInAndConsent(b, authorize());
        wire.emulator.identity().resetConsent();
        Map<String, String> p = params(b.get(authorize("prompt", "none")).headers().firstValue("Location")
                .orElseThrow());
        assertThat(p).containsEntry("error", "consent_required");
        assertThat(p.get("error_description")).startsWith("AADSTS65001: ");
    }

    @Test
    void promptNoneWithSessionAndConsentIssuesACodeSilently() {
        IdWire.Browser b = wire.browser();
        signInAndConsent(b, authorize());
        HttpResponse<String> r = b.get(authorize("prompt", "none"));
        assertThat(params(r.headers().firstValue("Location").orElseThrow())).containsKey("code");
    }

    @Test
    void cancelOnTheConsentPageRedirectsAccessDenied() {
        IdWire.Browser b = wire.browser();
        HttpResponse<String> r = b.consent(b.signIn(b.get(authorize()), DANA), "cancel");
        assertThat(r.statusCode()).isEqualTo(302);
        Map<String, String> p = params(r.headers().firstValue("Location").orElseThrow());
        assertThat(p).containsEntry("error", "access_denied").containsEntry("state", "st-123");
        assertThat(p.get("error_description")).startsWith("AADSTS65004: User declined to consent");
    }

    @Test
    void wrongPasswordShowsTheSignInPageWithAnError() {
        IdWire.Browser b = wire.browser();
        HttpResponse<String> r = b.submit(b.get(authorize()), "/" + TENANT + "/login", "loginfmt", DANA, "passwd",
                "wrong");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Your account or password is incorrect.");
    }

    @Test
    void unknownClientShowsAnErrorPageAndNeverRedirects() {
        HttpResponse<String> r = wire.browser().get(wire.authorizeUrl("client_id",
                "00000000-0000-0000-0000-000000000001", "response_type", "code", "redirect_uri", redirect, "scope",
                wire.org() + "/user_impersonation"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Location")).isEmpty();
        assertThat(r.body()).contains("AADSTS700016");
    }

    @Test
    void unregisteredRedirectUriShowsAnErrorPageAndNeverRedirects() {
        HttpResponse<String> r = wire.browser().get(wire.authorizeUrl("client_id", CLI, "response_type", "code",
                "redirect_uri", "https://evil.example/cb", "scope", wire.org() + "/user_impersonation"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Location")).isEmpty();
        assertThat(r.body()).contains("AADSTS50011", "https://evil.example/cb");
    }

    @Test
    void loopbackRedirectUrisMatchOnAnyPortAndGetATrailingSlash() {
        redirect = "http://localhost:40123";
        HttpResponse<String> r = signInAndConsent(wire.browser(), authorize());
        assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith("http://localhost:40123/?code=");
    }

    @Test
    void loopbackPathMustStillMatch() {
        HttpResponse<String> r = wire.browser().get(wire.authorizeUrl("client_id", IdWire.WEB, "response_type", "code",
                "redirect_uri", "http://127.0.0.1:8765/other/path", "scope", wire.org() + "/user_impersonation"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("AADSTS50011");
    }

    @Test
    void formPostAnswersWithAnAutoSubmittingForm() {
        HttpResponse<String> r = signInAndConsent(wire.browser(), authorize("response_mode", "form_post"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<form method=\"post\" id=\"response\" action=\"" + redirect + "\"",
                "document.getElementById('response').submit();");
        Map<String, String> fields = IdWire.hidden(r.body());
        assertThat(fields).containsKeys("code", "session_state").containsEntry("state", "st-123");
        assertThat(redeem(fields.get("code"), VERIFIER).statusCode()).isEqualTo(200);
    }

    @Test
    void errorsAfterTheRedirectIsTrustedGoToTheApp() {
        HttpResponse<String> r = wire.browser().get(wire.authorizeUrl("client_id", CLI, "response_type", "token",
                "redirect_uri", redirect, "scope", wire.org() + "/user_impersonation", "state", "s"));
        Map<String, String> p = params(r.headers().firstValue("Location").orElseThrow());
        assertThat(p).containsEntry("error", "unsupported_response_type").containsEntry("state", "s");
    }

    @Test
    void unknownPermissionRedirectsInvalidScope() {
        HttpResponse<String> r = wire.browser().get(wire.authorizeUrl("client_id", CLI, "response_type", "code",
                "redirect_uri", redirect, "scope", wire.org() + "/Files.ReadWrite"));
        Map<String, String> p = params(r.headers().firstValue("Location").orElseThrow());
        assertThat(p).containsEntry("error", "invalid_scope");
        assertThat(p.get("error_description")).startsWith("AADSTS650053: ");
    }

    @Test
    void markupInLoginHintAndStateIsEscaped() {
        String markup = "\"><script>alert(1)</script>";
        HttpResponse<String> page = wire.browser().get(authorize("login_hint", markup, "state", markup));
        assertThat(page.body()).doesNotContain("<script>alert(1)</script>")
                .contains("&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
        IdWire.Browser b = wire.browser();
        HttpResponse<String> posted = signInAndConsent(b, authorize("state", markup, "response_mode", "form_post"));
        assertThat(posted.body()).doesNotContain("<script>alert(1)</script>");
        assertThat(IdWire.hidden(posted.body())).containsEntry("state", markup);
    }

    @Test
    void signInFormWithoutTheBrowsersCanaryIsRefused() {
        IdWire.Browser b = wire.browser();
        HttpResponse<String> page = b.get(authorize());
        HttpResponse<String> r = b.submit(page, "/" + TENANT + "/login", "canary", "forged", "loginfmt", DANA,
                "passwd", IdWire.PASSWORD);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("could not be verified");
    }

    @Test
    void signInFormPostedFromAnotherBrowserIsRefused() {
        HttpResponse<String> page = wire.browser().get(authorize());
        HttpResponse<String> r = wire.browser().signIn(page, DANA);
        assertThat(r.statusCode()).isEqualTo(400);
    }

    @Test
    void confidentialWebAppRedeemsWithItsSecret() {
        redirect = "http://localhost:8080/oauth/callback";
        String url = wire.authorizeUrl("client_id", IdWire.WEB, "response_type", "code", "redirect_uri", redirect,
                "scope", wire.org() + "/.default offline_access");
        String code = params(signInAndConsent(wire.browser(), url).headers().firstValue("Location").orElseThrow())
                .get("code");
        assertAadError(wire.token("grant_type", "authorization_code", "client_id", IdWire.WEB, "code", code,
                "redirect_uri", redirect), 401, "invalid_client", 7000218);
        HttpResponse<String> r = wire.token("grant_type", "authorization_code", "client_id", IdWire.WEB, "code", code,
                "redirect_uri", redirect, "client_secret", IdWire.WEB_SECRET);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("scope").asText()).isEqualTo(wire.org() + "/user_impersonation");
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
