package dev.sluice.emulator.internal.identity;

import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.identity.directory.AppRegistration;
import dev.sluice.emulator.internal.identity.directory.DirectoryUser;
import dev.sluice.emulator.internal.identity.directory.Tenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /{tenant}/oauth2/v2.0/authorize} (fact sheet §F.2): checks the client and redirect URI
 * (failures are an error page, never a redirect), then the rest (failures redirect to the app; an app
 * that has used PKCE must keep sending it), then
 * signs the user in: silently with a session and consent, or through the sign-in and consent pages.
 * Thread-safe.
 */
final class AuthorizeEndpoint {
    private final IdentityState s;
    private final SignIn signIn;

    AuthorizeEndpoint(IdentityState s, SignIn signIn) {
        this.s = s;
        this.signIn = signIn;
    }

    ApiResponse handle(ApiRequest request, String tenantSegment) {
        Map<String, List<String>> q;
        try {
            q = request.queryParameters();
        } catch (IllegalArgumentException e) {
            return AuthorizeResponses.page(request, AadError.malformed("The query string is not valid URL encoding."),
                    s.now());
        }
        String clientParam = AuthorizationRequest.first(q, "client_id");
        UUID clientId = parse(clientParam);
        Tenant tenant = s.directory.tenant(tenantSegment, clientId).orElse(null);
        if (tenant == null) {
            return AuthorizeResponses.page(request, TokenEndpoint.unknownTenant(tenantSegment), s.now());
        }
        if (clientParam == null) {
            return AuthorizeResponses.page(request, AadError.missing("client_id"), s.now());
        }
        AppRegistration app = clientId == null ? null : tenant.app(clientId).orElse(null);
        if (app == null) {
            return AuthorizeResponses.page(request, AadError.of("unauthorized_client", 700016, "Application with"
                    + " identifier '" + clientParam + "' was not found in the directory '" + tenant.name() + "'. This"
                    + " can happen if the application has not been installed by the administrator of the tenant or"
                    + " consented to by any user in the tenant. You may have sent your authentication request to the"
                    + " wrong tenant."), s.now());
        }
        String redirect = AuthorizationRequest.first(q, "redirect_uri");
        if (redirect == null) {
            return AuthorizeResponses.page(request, AadError.missing("redirect_uri"), s.now());
        }
        if (!RedirectUris.registered(app, redirect)) {
            return AuthorizeResponses.page(request, AadError.of("invalid_request", 50011, "The redirect URI '"
                    + redirect + "' specified in the request does not match the redirect URIs configured for the"
                    + " application '" + app.clientId() + "'. Make sure the redirect URI sent in the request matches"
                    + " one added to your application in the Azure portal."), s.now());
        }
        AuthorizationRequest.Target target = AuthorizationRequest.target(redirect, q);
        try {
            return signInFor(request, requirePkceOnceUsed(AuthorizationRequest.parse(tenant, app, redirect,
                    request.baseUrl(), q)));
        } catch (AadError e) {
            return AuthorizeResponses.error(request, target, e, s.now());
        }
    }

    /**
     * PKCE downgrade protection (RFC 9700 §2.1.1): once an app has sent a {@code code_challenge}, a
     * request of that app without one is refused, so an attacker cannot strip PKCE from its requests.
     */
    private AuthorizationRequest requirePkceOnceUsed(AuthorizationRequest a) {
        if (a.codeChallenge() != null) {
            s.pkceClients.add(a.app().clientId());
        } else if (s.pkceClients.contains(a.app().clientId())) {
            throw AadError.of("invalid_request", 9002325, "Proof Key for Code Exchange is required: the application"
                    + " '" + a.app().clientId() + "' has used PKCE before, so an authorization request without"
                    + " code_challenge is refused as a downgrade.");
        }
        return a;
    }

    private ApiResponse signInFor(ApiRequest request, AuthorizationRequest a) {
        SignInSessions.Session session = s.sessions.get(Html.cookie(request, SignInSessions.COOKIE));
        DirectoryUser sessionUser = session == null ? null : a.tenant().user(session.userOid()).orElse(null);
        boolean hintMismatch = sessionUser != null && a.loginHint() != null && !sessionUser.hasUpn(a.loginHint());
        if (a.prompts("none")) {
            if (sessionUser == null) {
                throw AadError.of("login_required", 50058, "A silent sign-in request was sent but no user is signed"
                        + " in.");
            }
            if (hintMismatch) {
                throw AadError.of("interaction_required", 16000, "The signed-in user is not the one named in"
                        + " login_hint; the user must pick an account.");
            }
            if (!s.consents.covers(sessionUser.objectId(), a.app().clientId(), a.scopes().consentItems())) {
                throw AadError.of("consent_required", 65001, "The user or administrator has not consented to use the"
                        + " application with ID '" + a.app().clientId() + "' named '" + a.app().name() + "'. Send an"
                        + " interactive authorization request for this user and resource.");
            }
        }
        Browser browser = Browser.of(request);
        PendingFlows.Flow flow = s.flows.start(browser.id(), a, null, a.tenant().id(), a.app().clientId(), a.scopes(),
                s.now());
        boolean fresh = a.prompts("login") || hintMismatch;
        return signIn.begin(request, flow, browser, fresh ? null : sessionUser, session, a.prompts("select_account"),
                a.loginHint());
    }

    private static UUID parse(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            // not a GUID: no such session or tenant, answered by the caller
            return null;
        }
    }
}
