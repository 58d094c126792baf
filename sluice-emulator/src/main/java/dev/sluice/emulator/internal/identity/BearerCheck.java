package dev.sluice.emulator.internal.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.core.DataverseHeaders;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.Caller;
import dev.sluice.emulator.internal.identity.directory.Tenant;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The Dataverse side's check of {@code Authorization: Bearer}: an RS256 signature from this
 * emulator's key (or a trusted issuer's JWKS), a known issuer, audience = the org URL, inside
 * {@code nbf}..{@code exp}, issued in the org's tenant (the directory's default one), and {@code scp} with {@code user_impersonation} or {@code roles}. The
 * token's user or app becomes the {@link Caller}. Anything else is a 401 with Dataverse's bearer
 * challenge (fact sheet §A.3). Thread-safe.
 */
final class BearerCheck {
    /** Clock skew allowed on {@code nbf}/{@code exp} (Microsoft.IdentityModel's default: 5 minutes). */
    static final Duration SKEW = Duration.ofMinutes(5);

    private final IdentityState s;
    private final TrustedIssuers trusted;
    private final CallerDirectory callers;

    BearerCheck(IdentityState s, TrustedIssuers trusted) {
        this.s = s;
        this.trusted = trusted;
        this.callers = new CallerDirectory(s.ctx.store());
    }

    Caller authenticate(ApiRequest request) {
        String origin = origin(request.baseUrl());
        String auth = request.headers().first("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
            throw challenge(origin, null, "Bearer token is missing: send 'Authorization: Bearer <access token>'"
                    + " from " + origin + "/" + s.directory.defaultTenant().id() + "/oauth2/v2.0/token.");
        }
        JWTClaimsSet claims = verify(auth.substring(7).trim(), origin);
        List<String> roles = roles(claims);
        String scp = string(claims, "scp");
        boolean delegated = scp != null && List.of(scp.split(" ")).contains(Scopes.USER_IMPERSONATION);
        if (!delegated && roles.isEmpty()) {
            throw challenge(origin, "invalid_token", "The access token has neither 'user_impersonation' in scp nor"
                    + " an application role; ask for scope " + origin + "/user_impersonation or " + origin
                    + "/.default.");
        }
        Caller caller = delegated ? callers.user(string(claims, "oid"))
                : callers.application(string(claims, "appid") != null ? string(claims, "appid")
                        : string(claims, "azp"));
        if (caller == null) {
            throw challenge(origin, "invalid_token", delegated
                    ? "The user with object id '" + string(claims, "oid") + "' is not a member of the organization:"
                            + " no systemuser has that azureactivedirectoryobjectid."
                    : "The application '" + string(claims, "appid") + "' is not a member of the organization: no"
                            + " application user (systemuser.applicationid) for it.");
        }
        return caller;
    }

    /**
     * Business Central's check: the same signature, issuer and lifetime rules, audience
     * {@code https://api.businesscentral.dynamics.com}, issued in the tenant the URL names (its GUID or a domain
     * of it). Returns the caller's object id (user) or app id (application); a 401 with Business Central's
     * {@code Authentication_InvalidCredentials} error otherwise.
     */
    String authenticateBusinessCentral(ApiRequest request, Tenant urlTenant) {
        String origin = origin(request.baseUrl());
        String auth = request.headers().first("Authorization");
        try {
            if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
                throw challenge(origin, null, "Bearer token is missing.");
            }
            JWTClaimsSet claims = verify(auth.substring(7).trim(), origin, Scopes.BUSINESS_CENTRAL, false);
            String tid = string(claims, "tid");
            if (tid == null || !tid.equalsIgnoreCase(urlTenant.id().toString())) {
                throw challenge(origin, "invalid_token", "The access token was issued in tenant '" + tid
                        + "', not in the tenant the URL names (" + urlTenant.id() + ").");
            }
            String scp = string(claims, "scp");
            boolean delegated = scp != null && (List.of(scp.split(" ")).contains(Scopes.USER_IMPERSONATION)
                    || List.of(scp.split(" ")).contains(Scopes.FINANCIALS));
            boolean app = "app".equals(string(claims, "idtyp"));
            if (!delegated && !app) {
                throw challenge(origin, "invalid_token", "The access token has no Business Central permission.");
            }
            return delegated ? string(claims, "oid") : string(claims, "appid");
        } catch (ApiException e) {
            // Business Central answers every token problem with the same error; the detail is in the message
            throw new ApiException(401, "Authentication_InvalidCredentials", "The server has rejected the client "
                    + "credentials. " + e.getMessage())
                    .header(DataverseHeaders.WWW_AUTHENTICATE, "Bearer authorization_uri=\"" + origin + "/"
                            + urlTenant.id() + "/oauth2/authorize\", resource_id=\"" + Scopes.BUSINESS_CENTRAL + "\"");
        }
    }

    private JWTClaimsSet verify(String token, String origin) {
        return verify(token, origin, origin, true);
    }

    private JWTClaimsSet verify(String token, String origin, String audience, boolean orgTenant) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw challenge(origin, "invalid_token", "The access token is not a signed JWT.");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw challenge(origin, "invalid_token", "The access token's algorithm '" + jwt.getHeader().getAlgorithm()
                    + "' is not accepted; tokens must be RS256.");
        }
        String iss = claims.getIssuer();
        RSAKey key = key(iss, jwt.getHeader().getKeyID(), origin);
        if (key == null) {
            throw challenge(origin, "invalid_token", "The access token's issuer '" + iss + "' or key id is not"
                    + " trusted.");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(key))) {
                throw challenge(origin, "invalid_token", "The access token's signature is invalid.");
            }
        } catch (JOSEException e) {
            throw challenge(origin, "invalid_token", "The access token's signature cannot be checked.");
        }
        if (orgTenant) {
            requireOrgTenant(claims, origin);
        }
        List<String> aud = claims.getAudience();
        if (aud == null || aud.stream().noneMatch(a -> a.equalsIgnoreCase(audience) || a.equalsIgnoreCase(audience + "/"))) {
            throw challenge(origin, "invalid_token", "The access token's audience " + aud + " is not " + audience
                    + "; ask for a token with scope " + audience + "/user_impersonation or " + audience + "/.default.");
        }
        Instant now = s.now();
        Date exp = claims.getExpirationTime();
        Date nbf = claims.getNotBeforeTime();
        if (exp == null || !now.isBefore(exp.toInstant().plus(SKEW))
                || s.ledger.expiredEarly(string(claims, "uti"))) {
            throw challenge(origin, "invalid_token", "The access token is expired.");
        }
        if (nbf != null && now.plus(SKEW).isBefore(nbf.toInstant())) {
            throw challenge(origin, "invalid_token", "The access token is not valid yet (nbf).");
        }
        return claims;
    }

    private RSAKey key(String iss, String kid, String origin) {
        if (iss == null) {
            return null;
        }
        Tenant t = ownTenant(iss, origin);
        if (t != null) {
            return s.key.keyId().equals(kid) ? s.key.publicJwk() : null;
        }
        JWK k = trusted.key(iss, kid);
        return k instanceof RSAKey r ? r : null;
    }

    /** The directory tenant whose access-token issuer {@code iss} is, or null for another issuer. */
    private Tenant ownTenant(String iss, String origin) {
        if (iss == null) {
            return null;
        }
        for (Tenant t : s.directory.tenants()) {
            if (iss.equals(TokenIssuer.accessIssuer(origin, t.id())) || ownIssuerOnOtherHost(iss, origin, t)) {
                return t;
            }
        }
        return null;
    }

    /**
     * The org belongs to the directory's default tenant: Dataverse refuses a token another tenant issued
     * (issuer and {@code tid} both name the tenant), with the same 401 challenge as any invalid token.
     */
    private void requireOrgTenant(JWTClaimsSet claims, String origin) {
        Tenant issuing = ownTenant(claims.getIssuer(), origin);
        if (issuing == null) {
            return; // a trusted external issuer: its tokens have no tenant of this directory
        }
        Tenant org = s.directory.defaultTenant();
        String tid = string(claims, "tid");
        if (!issuing.id().equals(org.id()) || tid == null || !tid.equalsIgnoreCase(org.id().toString())) {
            throw challenge(origin, "invalid_token", "The access token was issued in tenant '" + issuing.id()
                    + "', but this organization belongs to tenant '" + org.id() + "'; ask that tenant's token"
                    + " endpoint for the token.");
        }
    }

    /** The token endpoint may have been reached as localhost while Dataverse is reached as 127.0.0.1. */
    private static boolean ownIssuerOnOtherHost(String iss, String origin, Tenant t) {
        String suffix = "/" + t.id() + "/";
        return iss.endsWith(suffix) && Origins.sameServer(iss.substring(0, iss.length() - suffix.length()), origin);
    }

    private ApiException challenge(String origin, String error, String message) {
        String value = "Bearer " + (error == null ? "" : "error=" + error
                + ", error_description=\"Error during token validation!\", ")
                + "authorization_uri=" + origin + "/" + s.directory.defaultTenant().id() + "/oauth2/authorize, "
                + "resource_id=" + origin + "/";
        return new ApiException(401, DataverseErrorCodes.REQUEST_NOT_AUTHENTICATED, message)
                .header(DataverseHeaders.WWW_AUTHENTICATE, value);
    }

    static String origin(String baseUrl) {
        URI u = URI.create(baseUrl);
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    private static String string(JWTClaimsSet c, String name) {
        Object v = c.getClaim(name);
        return v instanceof String str ? str : null;
    }

    private static List<String> roles(JWTClaimsSet c) {
        try {
            List<String> r = c.getStringListClaim("roles");
            return r == null ? List.of() : r;
        } catch (ParseException e) {
            // a roles claim that is not a list of strings grants no role
            return List.of();
        }
    }
}
