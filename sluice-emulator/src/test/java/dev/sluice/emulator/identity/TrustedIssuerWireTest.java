package dev.sluice.emulator.identity;

import static dev.sluice.emulator.identity.IdWire.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Dataverse side trusting an independent OpenID Connect server (here a tiny one in the test). */
class TrustedIssuerWireTest {
    static HttpServer issuer;
    static RSAKey key;
    static String issuerUrl;
    static IdWire wire;

    @BeforeAll
    static void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("ext-1").generate();
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuerUrl = "http://127.0.0.1:" + issuer.getAddress().getPort() + "/realm";
        issuer.createContext("/realm/.well-known/openid-configuration", ex -> reply(ex,
                "{\"issuer\":\"" + issuerUrl + "\",\"jwks_uri\":\"" + issuerUrl + "/jwks\"}"));
        issuer.createContext("/realm/jwks", ex -> reply(ex, new JWKSet(key.toPublicJWK()).toString()));
        issuer.start();
        wire = IdWire.start(b -> b.trustIssuer(URI.create(issuerUrl + "/.well-known/openid-configuration")));
    }

    @AfterAll
    static void stop() {
        wire.close();
        issuer.stop(0);
    }

    static void reply(com.sun.net.httpserver.HttpExchange ex, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    String token(JWTClaimsSet.Builder claims, RSAKey signer) throws Exception {
        Instant now = wire.clock.instant();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
                claims.issuer(issuerUrl).audience(List.of(wire.org())).issueTime(Date.from(now))
                        .notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600))).build());
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    @Test
    void tokenOfTheTrustedIssuerActsAsTheUserItsOidNames() throws Exception {
        String t = token(new JWTClaimsSet.Builder().claim("oid", "b2c3d4e5-f6a7-4890-8bcd-ef0123456789")
                .claim("scp", "user_impersonation"), key);
        HttpResponse<String> r = wire.whoAmI(t);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("UserId").asText()).isEqualTo(IdWire.SAM_SYSTEMUSER);
    }

    @Test
    void tokenOfTheTrustedIssuerForAnAppActsAsItsApplicationUser() throws Exception {
        String t = token(new JWTClaimsSet.Builder().claim("azp", IdWire.SERVICE).claim("roles", List.of("x")), key);
        assertThat(json(wire.whoAmI(t)).get("UserId").asText()).isEqualTo(IdWire.SERVICE_USER);
    }

    @Test
    void userWhoIsNotInTheOrgIsRefused() throws Exception {
        String t = token(new JWTClaimsSet.Builder().claim("oid", "11111111-2222-4333-8444-555555555555")
                .claim("scp", "user_impersonation"), key);
        HttpResponse<String> r = wire.whoAmI(t);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).at("/error/message").asText()).contains("not a member of the organization");
    }

    @Test
    void tokenWithoutUserImpersonationOrRolesIsRefused() throws Exception {
        String t = token(new JWTClaimsSet.Builder().claim("oid", "b2c3d4e5-f6a7-4890-8bcd-ef0123456789")
                .claim("scp", "User.Read"), key);
        assertThat(wire.whoAmI(t).statusCode()).isEqualTo(401);
    }

    @Test
    void tokenClaimingTheTrustedIssuerButSignedByAnotherKeyIsRefused() throws Exception {
        RSAKey other = new RSAKeyGenerator(2048).keyID("ext-1").generate();
        String t = token(new JWTClaimsSet.Builder().claim("oid", "b2c3d4e5-f6a7-4890-8bcd-ef0123456789")
                .claim("scp", "user_impersonation"), other);
        assertThat(wire.whoAmI(t).statusCode()).isEqualTo(401);
    }
}
