package dev.sluice.emulator.identity;

import static dev.sluice.emulator.identity.IdWire.SERVICE;
import static dev.sluice.emulator.identity.IdWire.SERVICE_SECRET;
import static dev.sluice.emulator.identity.IdWire.TENANT;
import static dev.sluice.emulator.identity.IdWire.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerCheckWireTest {
    IdWire wire;

    @BeforeEach
    void start() {
        wire = IdWire.start();
    }

    @AfterEach
    void stop() {
        wire.close();
    }

    void assertChallenge(HttpResponse<String> r, boolean invalidToken) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        String expected = "Bearer " + (invalidToken
                ? "error=invalid_token, error_description=\"Error during token validation!\", " : "")
                + "authorization_uri=" + wire.base() + "/" + TENANT + "/oauth2/authorize, resource_id=" + wire.org()
                + "/";
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue(expected);
        assertThat(json(r).at("/error/code").asText()).isEqualTo("0x80044302");
    }

    @Test
    void requestWithoutATokenGetsTheBearerChallenge() {
        HttpResponse<String> r = IdWire.send(wire.http, "GET", wire.emulator.webApiUrl() + "WhoAmI", null, null);
        assertChallenge(r, false);
        assertThat(json(r).at("/error/message").asText()).contains("Bearer token is missing");
    }

    @Test
    void garbageTokenIsRefused() {
        assertChallenge(wire.whoAmI("not-a-jwt"), true);
    }

    @Test
    void algNoneIsRefused() {
        String token = wire.serviceToken();
        String[] parts = token.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        assertChallenge(wire.whoAmI(none + "." + parts[1] + "."), true);
    }

    @Test
    void hs256SignedWithThePublicKeyIsRefused() throws Exception {
        String token = wire.serviceToken();
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        forged.sign(new MACSigner(new byte[32]));
        assertChallenge(wire.whoAmI(forged.serialize()), true);
    }

    @Test
    void tamperedPayloadIsRefused() throws Exception {
        String[] parts = wire.serviceToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(IdWire.SERVICE, "99999999-9999-4999-8999-999999999999");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertChallenge(wire.whoAmI(tampered), true);
    }

    @Test
    void tokenSignedByAnotherKeyIsRefused() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(wire.serviceToken()).getJWTClaimsSet();
        RSAKey other = new RSAKeyGenerator(2048).keyID("other").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("other").build(), claims);
        forged.sign(new RSASSASigner(other));
        assertChallenge(wire.whoAmI(forged.serialize()), true);
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        // a valid token of this emulator, but for the org as reached through localhost
        String localhostOrg = wire.org().replace("127.0.0.1", "localhost");
        String token = json(wire.token("grant_type", "client_credentials", "client_id", SERVICE, "client_secret",
                SERVICE_SECRET, "scope", localhostOrg + "/.default")).get("access_token").asText();
        HttpResponse<String> r = wire.whoAmI(token);
        assertChallenge(r, true);
        assertThat(json(r).at("/error/message").asText()).contains("audience");
    }

    @Test
    void graphTokenFromOpenIdScopesOnlyIsRefusedByDataverse() {
        // what the real service issues for "openid profile" alone: a token for Microsoft Graph
        String token = wire.delegatedTokens(IdWire.DANA, "openid profile").get("access_token").asText();
        assertChallenge(wire.whoAmI(token), true);
    }

    @Test
    void delegatedTokenActsAsItsUser() {
        String token = wire.delegatedTokens(IdWire.SAM, wire.org() + "/user_impersonation").get("access_token").asText();
        assertThat(json(wire.whoAmI(token)).get("UserId").asText()).isEqualTo(IdWire.SAM_SYSTEMUSER);
    }

    @Test
    void expiredTokenIsRefusedAfterTheClockSkew() throws Exception {
        String token = wire.serviceToken();
        long lifetime = SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().getTime() / 1000
                - wire.clock.instant().getEpochSecond();
        wire.clock.advance(Duration.ofSeconds(lifetime).plusMinutes(4));
        assertThat(wire.whoAmI(token).statusCode()).isEqualTo(200);
        wire.clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> r = wire.whoAmI(token);
        assertChallenge(r, true);
        assertThat(json(r).at("/error/message").asText()).contains("expired");
    }

    @Test
    void expireAllHookRefusesEveryTokenIssuedSoFarButNotNewOnes() {
        String old = wire.serviceToken();
        HttpResponse<String> hook = wire.postForm(wire.base() + "/_emulator/identity/access-tokens/expire", "");
        assertThat(hook.statusCode()).isEqualTo(200);
        assertChallenge(wire.whoAmI(old), true);
        assertThat(wire.whoAmI(wire.serviceToken()).statusCode()).isEqualTo(200);
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
              - id: 44444444-4444-4444-8444-444444444444
                domain: other.test
                apps:
                  - clientId: 55555555-5555-4555-8555-555555555555
                    type: confidential
                    secrets: [ other-secret ]
                    appRoles: [ Sync ]
            """;

    /** Issue 23 row 5: both apps have an application user in the org, but only the org's tenant may issue. */
    @Test
    void tokenIssuedInAnotherTenantOfTheDirectoryIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("directory.yaml"), TWO_TENANTS);
        try (IdWire two = IdWire.start(b -> b.directoryFile(file))) {
            String own = json(two.postForm(two.base() + "/org.test/oauth2/v2.0/token", IdWire.form("grant_type",
                    "client_credentials", "client_id", "22222222-2222-4222-8222-222222222222", "client_secret",
                    "org-secret", "scope", two.org() + "/.default"))).get("access_token").asText();
            assertThat(two.whoAmI(own).statusCode()).isEqualTo(200);

            HttpResponse<String> issued = two.postForm(two.base() + "/other.test/oauth2/v2.0/token", IdWire.form(
                    "grant_type", "client_credentials", "client_id", "55555555-5555-4555-8555-555555555555",
                    "client_secret", "other-secret", "scope", two.org() + "/.default"));
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
            String foreign = json(issued).get("access_token").asText();
            assertThat(IdWire.claims(foreign).getStringClaim("tid")).isEqualTo("44444444-4444-4444-8444-444444444444");
            HttpResponse<String> r = two.whoAmI(foreign);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=invalid_token,"
                    + " error_description=\"Error during token validation!\", authorization_uri=" + two.base()
                    + "/11111111-1111-4111-8111-111111111111/oauth2/authorize, resource_id=" + two.org() + "/");
            assertThat(json(r).at("/error/code").asText()).isEqualTo("0x80044302");
            assertThat(json(r).at("/error/message").asText()).contains("tenant '44444444-4444-4444-8444-444444444444'");
        }
    }

    @Test
    void tokenRequestThroughLocalhostIsAcceptedWhenDataverseIsReachedThroughLocalhostToo() {
        String localhostBase = wire.base().replace("127.0.0.1", "localhost");
        String token = json(IdWire.send(wire.http, "POST", localhostBase + "/" + TENANT + "/oauth2/v2.0/token",
                IdWire.form("grant_type", "client_credentials", "client_id", SERVICE, "client_secret", SERVICE_SECRET,
                        "scope", localhostBase + "/.default"), "application/x-www-form-urlencoded"))
                .get("access_token").asText();
        HttpResponse<String> r = wire.get(localhostBase + "/api/data/v9.2/WhoAmI", "Authorization", "Bearer " + token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
