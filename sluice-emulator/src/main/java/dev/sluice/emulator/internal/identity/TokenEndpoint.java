package dev.sluice.emulator.internal.identity;

import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.identity.directory.AppRegistration;
import dev.sluice.emulator.internal.identity.directory.DirectoryUser;
import dev.sluice.emulator.internal.identity.directory.Tenant;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /{tenant}/oauth2/v2.0/token}: authorization code (with PKCE), refresh token, client
 * credentials and device code grants, with the real service's errors (fact sheet §F.3). Thread-safe.
 */
final class TokenEndpoint {
    static final String DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code";
    private static final Set<String> GRANTS =
            Set.of("authorization_code", "refresh_token", "client_credentials", DEVICE_CODE);

    private final IdentityState s;
    private final TokenIssuer issuer;
    private final DeviceGrant device;

    TokenEndpoint(IdentityState s, TokenIssuer issuer, DeviceGrant device) {
        this.s = s;
        this.issuer = issuer;
        this.device = device;
    }

    ApiResponse handle(ApiRequest request, String tenantSegment) {
        if (!request.method().equals("POST")) {
            throw AadError.of("invalid_request", 900561, "The endpoint only accepts POST, OPTIONS requests. Received a "
                    + request.method() + " request.");
        }
        TokenForm form = TokenForm.of(request);
        ClientAuthenticator.Basic basic = ClientAuthenticator.basic(request);
        String clientParam = form.get("client_id") != null ? form.get("client_id")
                : basic == null ? null : basic.clientId();
        String grant = form.get("grant_type");
        s.counts.count(grant, clientParam);
        if (grant == null) {
            throw AadError.missing("grant_type");
        }
        if (!GRANTS.contains(grant)) {
            throw AadError.of("unsupported_grant_type", 70003, "The app requested an unsupported grant type '"
                    + grant + "'.");
        }
        if (clientParam == null) {
            throw AadError.missing("client_id");
        }
        if (basic != null && form.get("client_id") != null && !basic.clientId().equalsIgnoreCase(form.get("client_id"))) {
            throw AadError.malformed("The client_id in the Authorization header differs from the one in the body.");
        }
        Client c = client(tenantSegment, clientParam);
        String acr = ClientAuthenticator.authenticate(form, basic, c.app(), c.tenant(), request.baseUrl(), s.now());
        return switch (grant) {
            case "authorization_code" -> authorizationCode(request, form, c, acr);
            case "refresh_token" -> refresh(request, form, c, acr);
            case "client_credentials" -> clientCredentials(request, form, c, acr);
            default -> device.poll(request, form, c.tenant(), c.app(), acr);
        };
    }

    /** A tenant and one of its apps. */
    record Client(Tenant tenant, AppRegistration app) {}

    /** The tenant of the URL and the app, or AADSTS90002 / AADSTS700016. */
    Client client(String tenantSegment, String clientParam) {
        UUID clientId;
        try {
            clientId = UUID.fromString(clientParam);
        } catch (IllegalArgumentException e) {
            // not a GUID: no such client; the caller answers AADSTS700016 as Entra does
            clientId = null;
        }
        Tenant tenant = s.directory.tenant(tenantSegment, clientId).orElseThrow(() -> unknownTenant(tenantSegment));
        UUID id = clientId;
        AppRegistration app = id == null ? null : tenant.app(id).orElse(null);
        if (app == null) {
            throw AadError.of("unauthorized_client", 700016, "Application with identifier '" + clientParam + "' was not"
                    + " found in the directory '" + tenant.name() + "'. This can happen if the application has not been"
                    + " installed by the administrator of the tenant or consented to by any user in the tenant. You may"
                    + " have sent your authentication request to the wrong tenant.");
        }
        return new Client(tenant, app);
    }

    static AadError unknownTenant(String segment) {
        return AadError.of("invalid_request", 90002, "Tenant '" + segment + "' not found. Check to make sure you have"
                + " the correct tenant ID and are signing into the correct cloud.");
    }

    private ApiResponse authorizationCode(ApiRequest request, TokenForm form, Client c, String acr) {
        String code = form.require("code");
        String redirect = form.require("redirect_uri");
        AuthCodes.Grant peek = s.codes.peek(code);
        if (peek != null && !peek.clientId().equals(c.app().clientId())) {
            throw AadError.of("invalid_grant", 70000, "Provided grant is invalid or malformed. The code was issued to"
                    + " another application.");
        }
        AuthCodes.Redemption r = s.codes.redeem(code);
        if (r.outcome() == AuthCodes.Outcome.REDEEMED) {
            throw AadError.of("invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry"
                    + " with a new valid code or use an existing refresh token.");
        }
        if (r.outcome() == AuthCodes.Outcome.UNKNOWN) {
            throw AadError.of("invalid_grant", 9002313, "Invalid request. Request is malformed or invalid. The code"
                    + " is not one this service issued.");
        }
        AuthCodes.Grant g = r.grant();
        Instant now = s.now();
        if (now.isAfter(g.issued().plus(TokenPolicy.CODE_LIFETIME))) {
            throw AadError.of("invalid_grant", 70008, "The provided authorization code or refresh token has expired due"
                    + " to inactivity. Send a new interactive authorization request for this user and resource.");
        }
        if (!redirect.equals(g.redirectUri())) {
            throw AadError.of("invalid_request", 50011, "The redirect URI '" + redirect + "' specified in the request"
                    + " does not match the redirect URI '" + g.redirectUri() + "' used to request the authorization"
                    + " code.");
        }
        if (g.codeChallenge() == null && form.get("code_verifier") != null) {
            // RFC 9700 §2.1.1: a code_verifier is accepted only if the authorization request had a challenge
            throw AadError.of("invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied"
                    + " in the authorization request: the authorization request had no code_challenge.");
        }
        if (g.codeChallenge() != null && !Pkce.verifies(form.get("code_verifier"), g.codeChallenge(),
                g.challengeMethod())) {
            throw AadError.of("invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied"
                    + " in the authorization request.");
        }
        DirectoryUser user = s.user(g.userOid()).orElseThrow();
        return issuer.delegated(request, c.tenant(), c.app(), user, g.scopes(), g.nonce(), acr, g.authTime());
    }

    private ApiResponse refresh(ApiRequest request, TokenForm form, Client c, String acr) {
        String token = form.require("refresh_token");
        RefreshTokens.Grant g = s.refreshTokens.get(token);
        if (g == null) {
            throw AadError.of("invalid_grant", 9002313, "Invalid request. Request is malformed or invalid. The"
                    + " refresh token is not one this service issued.");
        }
        if (!g.clientId().equals(c.app().clientId())) {
            throw AadError.of("invalid_grant", 70000, "Provided grant is invalid or malformed. The refresh token was"
                    + " issued to another application.");
        }
        Instant now = s.now();
        Instant revoked = s.refreshTokens.revokedAt(token);
        if (revoked != null) {
            throw AadError.of("invalid_grant", 50173, "The provided grant has expired due to it being revoked, a fresh"
                    + " auth token is needed. The user might have changed or reset their password. The grant was issued"
                    + " on '" + g.issued() + "' and the TokensValidFrom date (before which tokens are not valid) for"
                    + " this user is '" + revoked + "'.");
        }
        if (!now.isBefore(g.expires())) {
            throw AadError.of("invalid_grant", 700082, "The refresh token has expired due to inactivity. The token was"
                    + " issued on " + g.issued() + " and was inactive for "
                    + java.time.Duration.between(g.issued(), g.expires()) + ".");
        }
        Scopes scopes = g.scopes();
        String asked = form.get("scope");
        if (asked != null) {
            Scopes wanted = Scopes.delegated(asked, request.baseUrl(), c.tenant(), c.app());
            boolean consented = s.consents.covers(g.userOid(), c.app().clientId(), Set.copyOf(wanted.permissions()))
                    || g.scopes().permissions().containsAll(wanted.permissions());
            if (!consented) {
                throw new AadError(400, "invalid_grant", 65001, "The user or administrator has not consented to use"
                        + " the application with ID '" + c.app().clientId() + "' named '" + c.app().name() + "'. Send"
                        + " an interactive authorization request for this user and resource.", "consent_required");
            }
            scopes = g.scopes().has("offline_access") ? wanted.withOfflineAccess() : wanted;
        }
        DirectoryUser user = s.user(g.userOid()).orElseThrow();
        return issuer.delegated(request, c.tenant(), c.app(), user, scopes, null, acr, g.authTime());
    }

    private ApiResponse clientCredentials(ApiRequest request, TokenForm form, Client c, String acr) {
        if (acr.equals(TokenIssuer.ACR_PUBLIC)) {
            throw AadError.invalidClient(7000218, "The request body must contain the following parameter:"
                    + " 'client_assertion' or 'client_secret'.");
        }
        Scopes scopes = Scopes.application(form.require("scope"), request.baseUrl(), c.tenant());
        return issuer.application(request, c.tenant(), c.app(), scopes, acr);
    }
}
