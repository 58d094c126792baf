package dev.sluice.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.device.DeviceCode;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.oauth2.sdk.TokenResponse;
import dev.sluice.auth.internal.NimbusHttp;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.OutboundHttp;
import dev.sluice.core.OutboundPolicy;
import dev.sluice.core.RemoteText;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Sends token requests (authorization code with PKCE, refresh token, client credentials, device code)
 * to one OAuth2 server for one client, and returns {@link TokenSet}s or throws {@link OAuthException}.
 * Works with Microsoft's identity platform and any standard OAuth2/OIDC server. Thread-safe.
 */
public final class TokenClient {
    /** Used when a server omits {@code expires_in}: treat the token as short-lived. */
    private static final long DEFAULT_LIFETIME_SECONDS = 300;

    private final OAuthEndpoints endpoints;
    private final OAuthClient client;
    private final Clock clock;
    private final Duration timeout;
    private final OutboundHttp outbound;

    /**
     * A token client whose requests may go only to Microsoft's hosts and to these endpoints' own hosts (the code that
     * builds it names them).
     */
    public TokenClient(OAuthEndpoints endpoints, OAuthClient client, Clock clock, Duration timeout) {
        this(endpoints, client, clock, timeout, OutboundHttp.of(OutboundPolicy.origins(endpoints.authorization(),
                endpoints.token(), endpoints.deviceAuthorization())));
    }

    /** A token client sending through {@code outbound} (its policy decides where requests may go). */
    public TokenClient(OAuthEndpoints endpoints, OAuthClient client, Clock clock, Duration timeout,
            OutboundHttp outbound) {
        this.endpoints = endpoints;
        this.client = client;
        this.clock = clock;
        this.timeout = timeout;
        this.outbound = outbound;
    }

    /** Where this client's requests go out. */
    public OutboundHttp outbound() {
        return outbound;
    }

    /** The request timeout. */
    public Duration timeout() {
        return timeout;
    }

    public OAuthEndpoints endpoints() {
        return endpoints;
    }

    public OAuthClient client() {
        return client;
    }

    /** Redeems an authorization code with its PKCE verifier and the same redirect URI. */
    public TokenSet redeemCode(String code, String verifier, URI redirectUri, List<String> scopes) {
        return request(new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri,
                new CodeVerifier(verifier)), scopes, "authorization code");
    }

    /** Uses a refresh token; the response may rotate it. */
    public TokenSet refresh(dev.sluice.core.Secret refreshToken, List<String> scopes) {
        return request(new RefreshTokenGrant(new RefreshToken(refreshToken.reveal())), scopes, "refresh");
    }

    /** Client credentials (service account) with a secret or a certificate. */
    public TokenSet clientCredentials(List<String> scopes) {
        if (client.isPublic()) {
            throw new OAuthException(ErrorKind.INVALID_INPUT, null, 0, "client credentials need a client secret or "
                    + "certificate; client " + client.clientId() + " has neither");
        }
        return request(new ClientCredentialsGrant(), scopes, "client credentials");
    }

    /** One poll of the device code grant; {@code authorization_pending}/{@code slow_down} come back as OAuthException. */
    public TokenSet pollDeviceCode(String deviceCode) {
        return request(new DeviceCodeGrant(new DeviceCode(deviceCode)), null, "device code");
    }

    private TokenSet request(AuthorizationGrant grant, List<String> scopes, String what) {
        Scope scope = scopes == null || scopes.isEmpty() ? null : new Scope(scopes.toArray(String[]::new));
        TokenRequest req = client.isPublic()
                ? new TokenRequest(endpoints.token(), new ClientID(client.clientId()), grant, scope)
                : new TokenRequest(endpoints.token(), clientAuthentication(), grant, scope);
        HTTPRequest http = req.toHTTPRequest();
        if (client.certificate() != null) {
            // Microsoft wants client_id in the body next to the assertion (RFC 7523 leaves it optional)
            http.setBody(http.getBody() + "&client_id=" + java.net.URLEncoder.encode(client.clientId(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        Instant sent = clock.instant();
        HTTPResponse response;
        try {
            response = NimbusHttp.send(outbound, http, timeout);
        } catch (IOException e) {
            throw new OAuthException(ErrorKind.TRANSIENT, null, 0, what + " request to " + endpoints.token().getHost()
                    + " failed: " + e.getClass().getSimpleName() + "; check the network and try again");
        }
        TokenResponse parsed;
        try {
            parsed = OIDCTokenResponseParser.parse(response);
        } catch (ParseException e) {
            throw unexpected(what, response);
        }
        if (!parsed.indicatesSuccess()) {
            throw error(what, (TokenErrorResponse) parsed, response.getStatusCode());
        }
        Tokens tokens = parsed.toSuccessResponse().getTokens();
        AccessToken access = tokens.getAccessToken();
        long lifetime = access.getLifetime() > 0 ? access.getLifetime() : DEFAULT_LIFETIME_SECONDS;
        RefreshToken refresh = tokens.getRefreshToken();
        List<String> granted = access.getScope() != null ? access.getScope().toStringList()
                : scopes == null ? List.of() : scopes;
        String account = account(parsed);
        return new TokenSet(dev.sluice.core.Secret.of(access.getValue()),
                refresh == null ? null : dev.sluice.core.Secret.of(refresh.getValue()),
                sent.plusSeconds(lifetime), granted, account, sent);
    }

    private String account(TokenResponse parsed) {
        if (parsed instanceof OIDCTokenResponse oidc && oidc.getOIDCTokens().getIDToken() != null) {
            try {
                JWT id = oidc.getOIDCTokens().getIDToken();
                JWTClaimsSet c = id.getJWTClaimsSet();
                for (String claim : List.of("upn", "preferred_username", "email", "sub")) {
                    Object v = c.getClaim(claim);
                    if (v != null) {
                        return v.toString();
                    }
                }
            } catch (java.text.ParseException ignored) {
                // an unreadable id_token leaves the account unknown
            }
        }
        return client.isPublic() ? null : client.clientId();
    }

    private ClientAuthentication clientAuthentication() {
        ClientID id = new ClientID(client.clientId());
        if (client.secret() != null) {
            return new ClientSecretPost(id, new Secret(client.secret().reveal()));
        }
        ClientCertificate cert = client.certificate();
        try {
            Instant now = clock.instant();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(client.clientId()).subject(client.clientId())
                    .audience(endpoints.token().toString()).jwtID(UUID.randomUUID().toString())
                    .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                    .expirationTime(Date.from(now.plusSeconds(600))).build();
            JWSHeader.Builder hb = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT);
            if (cert.hasCertificate()) { // Microsoft finds the registered certificate by its thumbprint
                hb.x509CertThumbprint(new Base64URL(cert.thumbprintSha1()))
                        .x509CertSHA256Thumbprint(new Base64URL(cert.thumbprintSha256()))
                        .keyID(cert.thumbprintSha256());
            }
            JWSHeader header = hb.build();
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(cert.privateKey()));
            return new PrivateKeyJWT(jwt);
        } catch (JOSEException e) {
            throw new OAuthException(ErrorKind.INVALID_INPUT, null, 0, "could not sign the client assertion with "
                    + "the configured certificate: " + e.getMessage());
        }
    }

    private static OAuthException error(String what, TokenErrorResponse r, int status) {
        ErrorObject e = r.getErrorObject();
        String code = e == null || e.getCode() == null ? null : e.getCode().replaceAll("[^A-Za-z0-9_.-]", "");
        code = code == null ? null : code.substring(0, Math.min(code.length(), 64));
        String description = e == null || e.getDescription() == null ? ""
                : RemoteText.excerpt(firstLine(e.getDescription()));
        ErrorKind kind = status >= 500 || "temporarily_unavailable".equals(code) ? ErrorKind.TRANSIENT
                : "invalid_request".equals(code) || "unsupported_grant_type".equals(code) ? ErrorKind.INVALID_INPUT
                : ErrorKind.AUTH;
        return new OAuthException(kind, code, status, what + " request refused: " + (code == null ? "HTTP " + status
                : code) + (description.isEmpty() ? "" : " — " + description));
    }

    private static OAuthException unexpected(String what, HTTPResponse response) {
        int status = response.getStatusCode();
        ErrorKind kind = status >= 500 ? ErrorKind.TRANSIENT : ErrorKind.AUTH;
        return new OAuthException(kind, null, status, what + " request got an unexpected answer (HTTP " + status
                + ") from the token endpoint");
    }

    /**
     * Microsoft appends trace and correlation ids after the first line (the parser may drop the line
     * breaks); the first part says what is wrong.
     */
    private static String firstLine(String s) {
        int end = s.length();
        for (String marker : new String[] {"\r", "\n", "Trace ID:"}) {
            int at = s.indexOf(marker);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return s.substring(0, end).trim();
    }
}
