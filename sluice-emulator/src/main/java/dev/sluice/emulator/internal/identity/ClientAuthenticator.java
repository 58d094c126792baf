package dev.sluice.emulator.internal.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sluice.core.Secret;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.identity.directory.AppRegistration;
import dev.sluice.emulator.internal.identity.directory.ClientSecret;
import dev.sluice.emulator.internal.identity.directory.Tenant;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Set;

/**
 * Checks how a client proves itself at the token endpoint: nothing (public clients), a secret in the
 * body or in HTTP Basic, or a {@code private_key_jwt} assertion signed with the registered
 * certificate's key (fact sheet §F.3). Thread-safe.
 */
final class ClientAuthenticator {
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** Clock skew allowed on assertion times (Microsoft.IdentityModel's default: 5 minutes). */
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final Set<JWSAlgorithm> RSA_ALGS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256);

    /** The client id and secret of an {@code Authorization: Basic} header, or null. */
    record Basic(String clientId, String secret) {
        @Override
        public String toString() {
            return "Basic[" + clientId + ", ***]";
        }
    }

    private ClientAuthenticator() {}

    static Basic basic(ApiRequest request) {
        String h = request.headers().first("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw AadError.malformed("The Authorization header is not valid Basic credentials.");
            }
            // RFC 6749 §2.3.1: both parts are form-urlencoded before Base64
            return new Basic(ApiRequest.decode(decoded.substring(0, colon)), ApiRequest.decode(decoded.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw AadError.malformed("The Authorization header is not valid Basic credentials.");
        }
    }

    /** Authenticates the client; returns its {@code appidacr} (0 public, 1 secret, 2 certificate). */
    static String authenticate(TokenForm form, Basic basic, AppRegistration app, Tenant tenant, String origin,
            Instant now) {
        String secret = form.get("client_secret");
        if (basic != null) {
            if (secret != null) {
                throw AadError.malformed("The client sent credentials both in the body and in the Authorization"
                        + " header; use only one.");
            }
            secret = basic.secret();
        }
        String assertion = form.get("client_assertion");
        if (app.publicClient()) {
            if (secret != null || assertion != null) {
                throw AadError.invalidClient(700025, "Client is public so neither 'client_assertion' nor"
                        + " 'client_secret' should be presented.");
            }
            return TokenIssuer.ACR_PUBLIC;
        }
        if (secret != null && assertion != null) {
            throw AadError.malformed("The client sent both a client_secret and a client_assertion; use only one.");
        }
        if (assertion != null) {
            checkAssertion(form, assertion, app, tenant, origin, now);
            return TokenIssuer.ACR_CERTIFICATE;
        }
        if (secret == null) {
            throw AadError.invalidClient(7000218, "The request body must contain the following parameter:"
                    + " 'client_assertion' or 'client_secret'.");
        }
        Secret given = Secret.of(secret);
        for (ClientSecret s : app.secrets()) {
            if (s.value().equals(given)) {
                if (s.expiredAt(now)) {
                    throw AadError.invalidClient(7000222, "The provided client secret keys for app '" + app.clientId()
                            + "' are expired. Visit the Azure portal to create new keys for your app:"
                            + " https://aka.ms/NewClientSecret, or consider using certificate credentials for added"
                            + " security: https://aka.ms/certCreds.");
                }
                return TokenIssuer.ACR_SECRET;
            }
        }
        throw AadError.invalidClient(7000215, "Invalid client secret provided. Ensure the secret being sent in the"
                + " request is the client secret value, not the client secret ID, for a secret added to app '"
                + app.clientId() + "'.");
    }

    private static void checkAssertion(TokenForm form, String assertion, AppRegistration app, Tenant tenant,
            String origin, Instant now) {
        String type = form.require("client_assertion_type");
        if (!type.equals(JWT_BEARER)) {
            throw AadError.of("invalid_request", 9002313, "Invalid request. Request is malformed or invalid."
                    + " client_assertion_type must be '" + JWT_BEARER + "'.");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw AadError.invalidClient(50027, "JWT token is invalid or malformed.");
        }
        if (!RSA_ALGS.contains(jwt.getHeader().getAlgorithm())) {
            throw AadError.invalidClient(700027, "Client assertion contains an invalid signature. [Reason - The"
                    + " algorithm '" + jwt.getHeader().getAlgorithm() + "' is not supported; use RS256 or PS256.]");
        }
        if (app.certificateKey() == null) {
            throw AadError.invalidClient(700027, "Client assertion contains an invalid signature. [Reason - The key"
                    + " was not found.]");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(app.certificateKey()))) {
                throw AadError.invalidClient(700027, "Client assertion contains an invalid signature. [Reason - The"
                        + " provided signature value did not match the expected signature value.]");
            }
        } catch (JOSEException e) {
            throw AadError.invalidClient(700027, "Client assertion contains an invalid signature. [Reason - "
                    + e.getMessage() + "]");
        }
        String id = app.clientId().toString();
        if (!id.equalsIgnoreCase(claims.getIssuer()) || !id.equalsIgnoreCase(claims.getSubject())) {
            throw AadError.invalidClient(700021, "Client assertion application identifier doesn't match 'client_id'"
                    + " parameter. Review the documentation at https://aka.ms/certCreds.");
        }
        boolean audienceOk = claims.getAudience().stream().anyMatch(a -> tokenEndpoints(origin, tenant).contains(a));
        if (!audienceOk) {
            throw AadError.invalidClient(50013, "Assertion audience does not match the token endpoint of this"
                    + " tenant; use " + origin + "/" + tenant.id() + "/oauth2/v2.0/token.");
        }
        Date exp = claims.getExpirationTime();
        Date nbf = claims.getNotBeforeTime();
        if (exp == null || now.minus(SKEW).isAfter(exp.toInstant())
                || nbf != null && now.plus(SKEW).isBefore(nbf.toInstant())) {
            throw AadError.invalidClient(700024, "Client assertion is not within its valid time range. Current time: "
                    + now + ", assertion valid until: " + (exp == null ? "(no exp claim)" : exp.toInstant()) + ".");
        }
    }

    /** Token endpoint URLs an assertion may name as audience (tenant id or domain; v2 or v1 path). */
    private static Set<String> tokenEndpoints(String origin, Tenant tenant) {
        return Set.of(origin + "/" + tenant.id() + "/oauth2/v2.0/token", origin + "/" + tenant.domain()
                + "/oauth2/v2.0/token", origin + "/" + tenant.id() + "/oauth2/token", origin + "/" + tenant.domain()
                + "/oauth2/token", origin + "/" + tenant.id() + "/v2.0");
    }
}
