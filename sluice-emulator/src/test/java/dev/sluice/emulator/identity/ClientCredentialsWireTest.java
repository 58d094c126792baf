package dev.sluice.emulator.identity;

import static dev.sluice.emulator.identity.AadAssert.assertAadError;
import static dev.sluice.emulator.identity.IdWire.SERVICE;
import static dev.sluice.emulator.identity.IdWire.SERVICE_SECRET;
import static dev.sluice.emulator.identity.IdWire.TENANT;
import static dev.sluice.emulator.identity.IdWire.claims;
import static dev.sluice.emulator.identity.IdWire.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sluice.emulator.EmulatorIdentity;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClientCredentialsWireTest {
    static IdWire wire;

    @BeforeAll
    static void start() {
        wire = IdWire.start();
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    @Test
    void secretInTheBodyGetsAnApplicationTokenForTheOrg() throws Exception {
        HttpResponse<String> r = wire.token("grant_type", "client_credentials", "client_id", SERVICE,
                "client_secret", SERVICE_SECRET, "scope", wire.org() + "/.default");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store, no-cache");
        assertThat(r.headers().firstValue("Pragma")).hasValue("no-cache");
        JsonNode b = json(r);
        assertThat(b.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(b.get("expires_in").asInt()).isBetween(3600, 5400);
        assertThat(b.get("ext_expires_in").asInt()).isEqualTo(b.get("expires_in").asInt());
        assertThat(b.has("refresh_token")).isFalse();
        assertThat(b.has("id_token")).isFalse();
        SignedJWT jwt = SignedJWT.parse(b.get("access_token").asText());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        JWTClaimsSet c = jwt.getJWTClaimsSet();
        assertThat(c.getAudience()).containsExactly(wire.org());
        assertThat(c.getIssuer()).isEqualTo(wire.base() + "/" + TENANT + "/");
        assertThat(c.getStringClaim("appid")).isEqualTo(SERVICE);
        assertThat(c.getStringClaim("appidacr")).isEqualTo("1");
        assertThat(c.getStringClaim("tid")).isEqualTo(TENANT);
        assertThat(c.getStringListClaim("roles")).containsExactly("Dataverse.ReadWrite");
        assertThat(c.getClaim("scp")).isNull();
        long lifetime = c.getExpirationTime().toInstant().getEpochSecond() - c.getIssueTime().toInstant().getEpochSecond();
        assertThat(lifetime).isEqualTo(b.get("expires_in").asLong());
        assertThat(c.getNotBeforeTime()).isEqualTo(c.getIssueTime());
    }

    @Test
    void applicationTokenActsAsTheApplicationUserOnTheWebApi() {
        HttpResponse<String> who = wire.whoAmI(wire.serviceToken());
        assertThat(who.statusCode()).isEqualTo(200);
        assertThat(json(who).get("UserId").asText()).isEqualTo(IdWire.SERVICE_USER);
    }

    @Test
    void secretInHttpBasicAuthenticatesToo() {
        String basic = Base64.getEncoder().encodeToString((SERVICE + ":" + SERVICE_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = wire.postForm(wire.tenantUrl("/oauth2/v2.0/token"),
                IdWire.form("grant_type", "client_credentials", "scope", wire.org() + "/.default"),
                "Authorization", "Basic " + basic);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void tenantDomainWorksInPlaceOfTheTenantId() {
        HttpResponse<String> r = wire.postForm(wire.base() + "/demo.sluice.dev/oauth2/v2.0/token", IdWire.form(
                "grant_type", "client_credentials", "client_id", SERVICE, "client_secret", SERVICE_SECRET, "scope",
                wire.org() + "/.default"));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void wrongSecretIsInvalidClient7000215() {
        HttpResponse<String> r = wire.token("grant_type", "client_credentials", "client_id", SERVICE,
                "client_secret", "not-the-secret", "scope", wire.org() + "/.default");
        JsonNode b = assertAadError(r, 401, "invalid_client", 7000215);
        assertThat(b.get("error_description").asText()).contains("Invalid client secret provided")
                .doesNotContain("not-the-secret");
    }

    @Test
    void missingSecretOnAConfidentialClientIs7000218() {
        assertAadError(wire.token("grant_type", "client_credentials", "client_id", SERVICE, "scope",
                wire.org() + "/.default"), 401, "invalid_client", 7000218);
    }

    @Test
    void publicClientCannotUseClientCredentials() {
        assertAadError(wire.token("grant_type", "client_credentials", "client_id", IdWire.CLI, "scope",
                wire.org() + "/.default"), 401, "invalid_client", 7000218);
    }

    @Test
    void unknownAppIsUnauthorizedClient700016() {
        String unknown = UUID.randomUUID().toString();
        JsonNode b = assertAadError(wire.token("grant_type", "client_credentials", "client_id", unknown,
                "client_secret", "x", "scope", wire.org() + "/.default"), 400, "unauthorized_client", 700016);
        assertThat(b.get("error_description").asText()).contains("'" + unknown + "' was not found in the directory");
    }

    @Test
    void scopeWithoutDotDefaultIsInvalidScope() {
        assertAadError(wire.token("grant_type", "client_credentials", "client_id", SERVICE, "client_secret",
                SERVICE_SECRET, "scope", wire.org() + "/user_impersonation"), 400, "invalid_scope", 1002012);
    }

    @Test
    void anotherResourceIsInvalidResource500011() {
        assertAadError(wire.token("grant_type", "client_credentials", "client_id", SERVICE, "client_secret",
                SERVICE_SECRET, "scope", "https://contoso.crm.dynamics.com/.default"), 400, "invalid_resource", 500011);
    }

    @Test
    void missingScopeIs900144() {
        JsonNode b = assertAadError(wire.token("grant_type", "client_credentials", "client_id", SERVICE,
                "client_secret", SERVICE_SECRET), 400, "invalid_request", 900144);
        assertThat(b.get("error_description").asText())
                .startsWith("AADSTS900144: The request body must contain the following parameter: 'scope'.");
    }

    @Test
    void missingGrantTypeIs900144() {
        JsonNode b = assertAadError(wire.token("client_id", SERVICE), 400, "invalid_request", 900144);
        assertThat(b.get("error_description").asText()).contains("'grant_type'");
    }

    @Test
    void jsonBodyCarriesNoParametersSoGrantTypeIsMissing() {
        HttpResponse<String> r = IdWire.send(wire.http, "POST", wire.tenantUrl("/oauth2/v2.0/token"),
                "{\"grant_type\":\"client_credentials\"}", "application/json");
        assertAadError(r, 400, "invalid_request", 900144);
    }

    @Test
    void unknownGrantTypeIsUnsupportedGrantType() {
        assertAadError(wire.token("grant_type", "password", "client_id", SERVICE), 400, "unsupported_grant_type",
                70003);
    }

    @Test
    void getOnTheTokenEndpointIsRefused() {
        assertAadError(wire.get(wire.tenantUrl("/oauth2/v2.0/token")), 400, "invalid_request", 900561);
    }

    @Test
    void unknownTenantIs90002() {
        HttpResponse<String> r = wire.postForm(wire.base() + "/nosuch.example/oauth2/v2.0/token", IdWire.form(
                "grant_type", "client_credentials", "client_id", SERVICE, "client_secret", SERVICE_SECRET));
        assertAadError(r, 400, "invalid_request", 90002);
    }

    @Test
    void clientRequestIdIsTheCorrelationIdAndEchoedWhenAsked() {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> r = wire.postForm(wire.tenantUrl("/oauth2/v2.0/token"), IdWire.form("client_id", SERVICE),
                "client-request-id", id, "return-client-request-id", "true");
        assertThat(json(r).get("correlation_id").asText()).isEqualTo(id);
        assertThat(r.headers().firstValue("client-request-id")).hasValue(id);
    }

    @Test
    void privateKeyJwtSignedWithTheRegisteredCertificateKeyAuthenticates() throws Exception {
        EmulatorIdentity.App app = wire.emulator.identity().info().app("Sluice Service").orElseThrow();
        PrivateKey key = privateKey(app.certificatePrivateKeyPem().reveal());
        HttpResponse<String> r = wire.token("grant_type", "client_credentials", "client_id", SERVICE,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion(new RSASSASigner(key), wire.tenantUrl("/oauth2/v2.0/token")),
                "scope", wire.org() + "/.default");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(claims(json(r).get("access_token").asText()).getStringClaim("appidacr")).isEqualTo("2");
    }

    @Test
    void assertionSignedWithAnotherKeyIs700027() throws Exception {
        RSASSASigner other = new RSASSASigner(new RSAKeyGenerator(2048).generate());
        assertAadError(wire.token("grant_type", "client_credentials", "client_id", SERVICE,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion(other, wire.tenantUrl("/oauth2/v2.0/token")),
                "scope", wire.org() + "/.default"), 401, "invalid_client", 700027);
    }

    @Test
    void assertionForAnotherAudienceIsRefused() throws Exception {
        EmulatorIdentity.App app = wire.emulator.identity().info().app("Sluice Service").orElseThrow();
        RSASSASigner signer = new RSASSASigner(privateKey(app.certificatePrivateKeyPem().reveal()));
        HttpResponse<String> r = wire.token("grant_type", "client_credentials", "client_id", SERVICE,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion(signer, "https://login.microsoftonline.com/other/oauth2/v2.0/token"),
                "scope", wire.org() + "/.default");
        assertAadError(r, 401, "invalid_client", 50013);
    }

    private String assertion(RSASSASigner signer, String audience) throws Exception {
        Instant now = wire.clock.instant();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                .issuer(SERVICE).subject(SERVICE).audience(List.of(audience)).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    static PrivateKey privateKey(String pem) throws Exception {
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
