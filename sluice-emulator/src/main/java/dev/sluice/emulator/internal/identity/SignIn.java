package dev.sluice.emulator.internal.identity;

import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.identity.directory.AppRegistration;
import dev.sluice.emulator.internal.identity.directory.DirectoryUser;
import dev.sluice.emulator.internal.identity.directory.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The interactive part shared by authorize requests and device codes: account picker, sign-in form
 * ({@code POST /{tenant}/login}), consent ({@code POST /{tenant}/Consent/Set}), and finishing the flow
 * with a code redirect or a device approval. Every form carries the flow token and the CSRF canary,
 * and a flow only continues in the browser that started it. Thread-safe.
 */
final class SignIn {
    private final IdentityState s;

    SignIn(IdentityState s) {
        this.s = s;
    }

    /** Shows the first page of a new flow: the account picker, the sign-in form, or straight on. */
    ApiResponse begin(ApiRequest request, PendingFlows.Flow flow, Browser browser, DirectoryUser sessionUser,
            SignInSessions.Session session, boolean pick, String loginHint) {
        if (sessionUser != null && !pick) {
            return browser.apply(proceed(request, flow.signedIn(sessionUser.objectId(), session.authTime(),
                    session.sessionState())));
        }
        if (sessionUser != null) {
            return browser.apply(Pages.pickAccount(flow.tenantId(), flow.id(), s.canary.of(browser.id()),
                    app(flow).name(), sessionUser, formTarget(flow)));
        }
        return browser.apply(Pages.signIn(flow.tenantId(), flow.id(), s.canary.of(browser.id()), app(flow).name(),
                loginHint, null, formTarget(flow)));
    }

    /** {@code POST /{tenant}/login}: password, or a pick from the account picker. */
    ApiResponse login(ApiRequest request) {
        Map<String, List<String>> form = form(request);
        Browser browser = Browser.of(request);
        PendingFlows.Flow flow = flow(form, browser);
        Tenant tenant = s.tenant(flow.tenantId());
        String select = AuthorizationRequest.first(form, "select");
        String canary = s.canary.of(browser.id());
        if ("other".equals(select)) {
            return Pages.signIn(flow.tenantId(), flow.id(), canary, app(flow).name(), null, null, formTarget(flow));
        }
        if ("session".equals(select)) {
            SignInSessions.Session session = s.sessions.get(Html.cookie(request, SignInSessions.COOKIE));
            if (session != null && tenant.user(session.userOid()).isPresent()) {
                return proceed(request, flow.signedIn(session.userOid(), session.authTime(), session.sessionState()));
            }
            return Pages.signIn(flow.tenantId(), flow.id(), canary, app(flow).name(), null, null, formTarget(flow));
        }
        String upn = AuthorizationRequest.first(form, "loginfmt");
        String password = AuthorizationRequest.first(form, "passwd");
        DirectoryUser user = upn == null ? null : tenant.user(upn).orElse(null);
        if (user == null) {
            return Pages.signIn(flow.tenantId(), flow.id(), canary, app(flow).name(), upn,
                    "We couldn't find an account with that username. Try another, or get a new account.",
                    formTarget(flow));
        }
        if (password == null || !user.password().equals(dev.sluice.core.Secret.of(password))) {
            return Pages.signIn(flow.tenantId(), flow.id(), canary, app(flow).name(), upn,
                    "Your account or password is incorrect. If you don't remember your password, reset it now.",
                    formTarget(flow));
        }
        Instant now = s.now();
        String cookie = s.sessions.start(user.objectId(), tenant.id(), now);
        SignInSessions.Session session = s.sessions.get(cookie);
        ApiResponse r = proceed(request, flow.signedIn(user.objectId(), now, session.sessionState()));
        r.header("Set-Cookie", Html.setCookie(SignInSessions.COOKIE, cookie));
        return r;
    }

    /** {@code POST /{tenant}/Consent/Set}: Accept or Cancel. */
    ApiResponse consent(ApiRequest request) {
        Map<String, List<String>> form = form(request);
        PendingFlows.Flow flow = flow(form, Browser.of(request));
        if (flow.userOid() == null) {
            throw AadError.malformed("Sign in before consenting.");
        }
        String decision = AuthorizationRequest.first(form, "decision");
        if ("accept".equals(decision)) {
            s.consents.grant(flow.userOid(), flow.clientId(), flow.scopes().consentItems());
            return complete(request, flow);
        }
        if (!"cancel".equals(decision)) {
            throw AadError.malformed("decision must be accept or cancel.");
        }
        s.flows.finish(flow.id());
        if (flow.deviceCode() != null) {
            s.devices.decide(flow.deviceCode(), false, flow.userOid(), null);
            return Pages.deviceDone(app(flow).name(), false);
        }
        return AuthorizeResponses.error(request, flow.request().target(), AadError.of("access_denied", 65004,
                "User declined to consent to access the app."), s.now());
    }

    /** After sign-in: the consent page when consent is missing (or prompt=consent), else finish. */
    ApiResponse proceed(ApiRequest request, PendingFlows.Flow flow) {
        boolean ask = flow.request() != null && flow.request().prompts("consent")
                || !s.consents.covers(flow.userOid(), flow.clientId(), flow.scopes().consentItems());
        if (ask) {
            s.flows.put(flow);
            DirectoryUser user = s.user(flow.userOid()).orElseThrow();
            return Pages.consent(flow.tenantId(), flow.id(), s.canary.of(flow.browser()), app(flow).name(), user,
                    flow.scopes().consentItems(), formTarget(flow));
        }
        return complete(request, flow);
    }

    private ApiResponse complete(ApiRequest request, PendingFlows.Flow flow) {
        s.flows.finish(flow.id());
        if (flow.deviceCode() != null) {
            boolean ok = s.devices.decide(flow.deviceCode(), true, flow.userOid(), flow.authTime());
            if (!ok) {
                throw AadError.of("expired_token", 70019, "Verification code expired.");
            }
            return Pages.deviceDone(app(flow).name(), true);
        }
        AuthorizationRequest a = flow.request();
        String code = s.codes.issue(new AuthCodes.Grant(flow.clientId(), flow.tenantId(), flow.userOid(),
                a.redirectUri(), a.scopes(), a.codeChallenge(), a.challengeMethod(), a.nonce(), s.now(),
                flow.authTime()));
        return AuthorizeResponses.success(a.target(), code, flow.sessionState());
    }

    private PendingFlows.Flow flow(Map<String, List<String>> form, Browser browser) {
        PendingFlows.Flow flow = browser.isNew() ? null
                : s.flows.get(AuthorizationRequest.first(form, "flowToken"), browser.id());
        if (flow == null || !s.canary.valid(browser.id(), AuthorizationRequest.first(form, "canary"))) {
            throw AadError.of("invalid_request", 90100, "The sign-in request could not be verified: it has expired,"
                    + " or it was not started in this browser. Start signing in again from the app.");
        }
        return flow;
    }

    private static Map<String, List<String>> form(ApiRequest request) {
        if (!request.method().equals("POST")) {
            throw AadError.of("invalid_request", 900561, "The endpoint only accepts POST requests. Received a "
                    + request.method() + " request.");
        }
        try {
            return ApiRequest.parseForm(request.bodyText());
        } catch (IllegalArgumentException e) {
            throw AadError.malformed("The form is not valid form encoding.");
        }
    }

    private AppRegistration app(PendingFlows.Flow flow) {
        return s.app(flow.clientId());
    }

    /** The app's redirect origin, which the page's form-action policy must allow (redirects after a post). */
    private static String formTarget(PendingFlows.Flow flow) {
        return flow.request() == null ? null : RedirectUris.origin(flow.request().redirectUri());
    }
}
