package dev.sluice.emulator.identity;

import static dev.sluice.emulator.identity.IdWire.TENANT;
import static dev.sluice.emulator.identity.IdWire.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DiscoveryWireTest {
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
    void openidConfigurationNamesEveryEndpointOfTheTenant() {
        HttpResponse<String> r = wire.get(wire.tenantUrl("/v2.0/.well-known/openid-configuration"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("max-age=86400, private");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        JsonNode d = json(r);
        String t = wire.base() + "/" + TENANT;
        assertThat(d.get("issuer").asText()).isEqualTo(t + "/v2.0");
        assertThat(d.get("authorization_endpoint").asText()).isEqualTo(t + "/oauth2/v2.0/authorize");
        assertThat(d.get("token_endpoint").asText()).isEqualTo(t + "/oauth2/v2.0/token");
        assertThat(d.get("device_authorization_endpoint").asText()).isEqualTo(t + "/oauth2/v2.0/devicecode");
        assertThat(d.get("jwks_uri").asText()).isEqualTo(t + "/discovery/v2.0/keys");
        assertThat(d.get("end_session_endpoint").asText()).isEqualTo(t + "/oauth2/v2.0/logout");
        assertThat(d.get("token_endpoint_auth_methods_supported").toString())
                .isEqualTo("[\"client_secret_post\",\"private_key_jwt\",\"client_secret_basic\"]");
        assertThat(d.get("response_modes_supported").toString()).isEqualTo("[\"query\",\"fragment\",\"form_post\"]");
        assertThat(d.get("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS256\"]");
        assertThat(d.get("request_uri_parameter_supported").asBoolean()).isFalse();
    }

    @Test
    void commonHasTheTenantIdPlaceholderInItsIssuer() {
        JsonNode d = json(wire.get(wire.base() + "/common/v2.0/.well-known/openid-configuration"));
        assertThat(d.get("issuer").asText()).isEqualTo(wire.base() + "/{tenantid}/v2.0");
        assertThat(d.get("token_endpoint").asText()).isEqualTo(wire.base() + "/common/oauth2/v2.0/token");
    }

    @Test
    void jwksVerifiesTheTokensThisEmulatorSigns() throws Exception {
        JWKSet keys = JWKSet.parse(wire.get(wire.tenantUrl("/discovery/v2.0/keys")).body());
        assertThat(keys.getKeys()).hasSize(1);
        RSAKey key = (RSAKey) keys.getKeys().get(0);
        assertThat(key.isPrivate()).isFalse();
        SignedJWT token = SignedJWT.parse(wire.serviceToken());
        assertThat(token.getHeader().getKeyID()).isEqualTo(key.getKeyID());
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
    }

    @Test
    void unknownTenantIs90002() {
        HttpResponse<String> r = wire.get(wire.base() + "/nosuch/v2.0/.well-known/openid-configuration");
        AadAssert.assertAadError(r, 400, "invalid_request", 90002);
    }

    @Test
    void instanceDiscoveryPointsAtThisServer() {
        JsonNode d = json(wire.get(wire.base() + "/common/discovery/instance?api-version=1.1&authorization_endpoint="
                + IdWire.enc(wire.tenantUrl("/oauth2/v2.0/authorize"))));
        assertThat(d.get("tenant_discovery_endpoint").asText())
                .isEqualTo(wire.tenantUrl("/v2.0/.well-known/openid-configuration"));
    }

    @Test
    void infoListsTheDemoTenantAppsAndUsers() {
        JsonNode info = json(wire.get(wire.base() + "/_emulator/identity"));
        assertThat(info.get("authority").asText()).isEqualTo(wire.base() + "/" + TENANT);
        assertThat(info.get("tenantDomain").asText()).isEqualTo("demo.sluice.dev");
        assertThat(info.get("apps").findValuesAsText("name")).containsExactly("Sluice CLI", "Sluice Server",
                "Sluice Service");
        assertThat(info.get("apps").get(2).get("certificatePrivateKeyPem").asText()).startsWith(
                "-----BEGIN PRIVATE KEY-----");
        assertThat(info.get("users").get(0).get("upn").asText()).isEqualTo(IdWire.DANA);
        assertThat(info.get("users").get(0).get("password").asText()).isEqualTo(IdWire.PASSWORD);
        assertThat(wire.emulator.identity().info().toString()).doesNotContain(IdWire.PASSWORD, IdWire.SERVICE_SECRET);
    }

    @Test
    void logoutEndsTheSessionSoTheNextAuthorizeAsksForThePassword() {
        IdWire.Browser b = wire.browser();
        String url = wire.authorizeUrl("client_id", IdWire.CLI, "response_type", "code", "redirect_uri",
                "http://127.0.0.1:5000/", "scope", wire.org() + "/user_impersonation");
        HttpResponse<String> first = b.signIn(b.get(url), IdWire.DANA);
        if (first.statusCode() == 200) {
            b.consent(first, "accept");
        }
        assertThat(b.get(url).statusCode()).isEqualTo(302);
        HttpResponse<String> out = b.get(wire.tenantUrl("/oauth2/v2.0/logout"));
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.body()).contains("You signed out of your account");
        HttpResponse<String> again = b.get(url);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("id=\"passwd\"");
    }
}
