package dev.sluice.emulator.internal.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.identity.directory.AppRegistration;
import dev.sluice.emulator.internal.identity.directory.DirectoryUser;
import dev.sluice.emulator.internal.identity.directory.Tenant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints tokens and writes the token endpoint's success JSON (fact sheet §F.3): RS256 access tokens
 * for the org ({@code aud} = org URL, v1 claims as Dataverse tokens carry them), ID tokens when
 * {@code openid} was asked, refresh tokens with {@code offline_access}, {@code client_info} when
 * {@code client_info=1}. Thread-safe.
 */
final class TokenIssuer {
    /** {@code appidacr}: how the client authenticated: 0 public, 1 secret, 2 certificate. */
    static final String ACR_PUBLIC = "0";
    static final String ACR_SECRET = "1";
    static final String ACR_CERTIFICATE = "2";

    private final IdentityState s;

    TokenIssuer(IdentityState s) {
        this.s = s;
    }

    /** Access token issuer: v1 style, {@code {origin}/{tid}/} (the real one is {@code https://sts.windows.net/{tid}/}). */
    static String accessIssuer(String origin, UUID tenant) {
        return origin + "/" + tenant + "/";
    }

    /** ID token and discovery issuer: {@code {origin}/{tid}/v2.0}. */
    static String idIssuer(String origin, UUID tenant) {
        return origin + "/" + tenant + "/v2.0";
    }

    /** A user's tokens: access token, and refresh / ID token / client_info as asked. */
    ApiResponse delegated(ApiRequest request, Tenant tenant, AppRegistration app, DirectoryUser user, Scopes scopes,
            String nonce, String acr, Instant authTime) {
        Instant now = s.now();
        long lifetime = s.policy.nextAccessSeconds();
        String origin = request.baseUrl();
        JWTClaimsSet.Builder c = common(origin, tenant, app, scopes, now, lifetime, acr)
                .claim("amr", List.of("pwd"))
                .claim("family_name", user.surname())
                .claim("given_name", user.givenName())
                .claim("name", user.displayName())
                .claim("oid", user.objectId().toString())
                .claim("scp", String.join(" ", scopes.permissions().isEmpty() ? List.of("User.Read", "profile",
                        "openid", "email") : scopes.permissions()))
                .subject(pairwise(user.objectId(), app.clientId()))
                .claim("unique_name", user.upn())
                .claim("upn", user.upn())
                .claim("idtyp", "user");
        String access = sign(c, now, lifetime);
        String refresh = scopes.has("offline_access")
                ? s.refreshTokens.issue(new RefreshTokens.Grant(app.clientId(), tenant.id(), user.objectId(), scopes,
                        now, now.plus(s.policy.refreshLifetime()), authTime))
                : null;
        String id = scopes.has("openid") ? idToken(origin, tenant, app, user, scopes, nonce, now, authTime) : null;
        boolean clientInfo = "1".equals(form(request, "client_info"));
        byte[] body = Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("token_type", "Bearer");
            g.writeStringField("scope", scopes.grantedScope());
            g.writeNumberField("expires_in", lifetime);
            g.writeNumberField("ext_expires_in", lifetime);
            g.writeStringField("access_token", access);
            if (refresh != null) {
                g.writeStringField("refresh_token", refresh);
            }
            if (id != null) {
                g.writeStringField("id_token", id);
            }
            if (clientInfo) {
                g.writeStringField("client_info", clientInfo(user.objectId(), tenant.id()));
            }
            g.writeEndObject();
        });
        return OAuthResponses.ok(request, body);
    }

    /** An application's token (client credentials): {@code roles}, no refresh or ID token. */
    ApiResponse application(ApiRequest request, Tenant tenant, AppRegistration app, Scopes scopes, String acr) {
        Instant now = s.now();
        long lifetime = s.policy.nextAccessSeconds();
        UUID servicePrincipal = servicePrincipalId(app.clientId());
        JWTClaimsSet.Builder c = common(request.baseUrl(), tenant, app, scopes, now, lifetime, acr)
                .claim("oid", servicePrincipal.toString())
                .subject(servicePrincipal.toString())
                .claim("idtyp", "app");
        if (!app.appRoles().isEmpty()) {
            c.claim("roles", app.appRoles());
        }
        String access = sign(c, now, lifetime);
        byte[] body = Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("token_type", "Bearer");
            g.writeNumberField("expires_in", lifetime);
            g.writeNumberField("ext_expires_in", lifetime);
            g.writeStringField("access_token", access);
            g.writeEndObject();
        });
        return OAuthResponses.ok(request, body);
    }

    /** The object id of an app's service principal (what {@code oid} holds in its tokens). */
    static UUID servicePrincipalId(UUID clientId) {
        return UUID.nameUUIDFromBytes(("sluice-service-principal:" + clientId).getBytes(StandardCharsets.UTF_8));
    }

    private JWTClaimsSet.Builder common(String origin, Tenant tenant, AppRegistration app, Scopes scopes, Instant now,
            long lifetime, String acr) {
        return new JWTClaimsSet.Builder()
                .audience(scopes.resource() == null ? Scopes.GRAPH_APP_ID : scopes.resource())
                .issuer(accessIssuer(origin, tenant.id()))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(lifetime)))
                .claim("appid", app.clientId().toString())
                .claim("appidacr", acr)
                .claim("tid", tenant.id().toString())
                .claim("uti", Randoms.token(16))
                .claim("ver", "1.0");
    }

    private String sign(JWTClaimsSet.Builder c, Instant now, long lifetime) {
        JWTClaimsSet claims = c.build();
        s.ledger.issued((String) claims.getClaim("uti"), now.plusSeconds(lifetime), now);
        return s.key.sign(claims);
    }

    private String idToken(String origin, Tenant tenant, AppRegistration app, DirectoryUser user, Scopes scopes,
            String nonce, Instant now, Instant authTime) {
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder()
                .audience(app.clientId().toString())
                .issuer(idIssuer(origin, tenant.id()))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TokenPolicy.ID_TOKEN_LIFETIME)))
                .subject(pairwise(user.objectId(), app.clientId()))
                .claim("oid", user.objectId().toString())
                .claim("tid", tenant.id().toString())
                .claim("ver", "2.0");
        if (authTime != null) {
            c.claim("auth_time", authTime.getEpochSecond());
        }
        if (nonce != null) {
            c.claim("nonce", nonce);
        }
        if (scopes.has("profile")) {
            c.claim("name", user.displayName()).claim("preferred_username", user.upn());
        }
        if (scopes.has("email")) {
            c.claim("email", user.upn());
        }
        return s.key.sign(c.build());
    }

    /** Entra's {@code sub} is pairwise: the same user has a different subject in each app. */
    private static String pairwise(UUID user, UUID app) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((user + "|" + app).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clientInfo(UUID uid, UUID utid) {
        String json = "{\"uid\":\"" + uid + "\",\"utid\":\"" + utid + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String form(ApiRequest request, String name) {
        List<String> v = ApiRequest.parseForm(request.bodyText()).get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
