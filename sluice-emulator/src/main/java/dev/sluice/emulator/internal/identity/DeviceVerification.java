package dev.sluice.emulator.internal.identity;

import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.identity.directory.DirectoryUser;
import java.util.List;
import java.util.Map;

/**
 * The device code verification page, {@code /devicelogin} (the real one is
 * {@code https://microsoft.com/devicelogin}): the user types the code, then picks an account or signs
 * in, then consents. Thread-safe.
 */
final class DeviceVerification {
    private final IdentityState s;
    private final SignIn signIn;

    DeviceVerification(IdentityState s, SignIn signIn) {
        this.s = s;
        this.signIn = signIn;
    }

    ApiResponse handle(ApiRequest request) {
        Browser browser = Browser.of(request);
        if (!request.method().equals("POST")) {
            return browser.apply(Pages.deviceCodeEntry(s.canary.of(browser.id()), null));
        }
        Map<String, List<String>> form;
        try {
            form = ApiRequest.parseForm(request.bodyText());
        } catch (IllegalArgumentException e) {
            // a form that is not URL encoding is an empty form: the page asks for the code again
            form = Map.of();
        }
        if (browser.isNew() || !s.canary.valid(browser.id(), AuthorizationRequest.first(form, "canary"))) {
            return browser.apply(Pages.deviceCodeEntry(s.canary.of(browser.id()),
                    "This page has expired. Enter the code again."));
        }
        DeviceCodes.Grant g = s.devices.byUserCode(AuthorizationRequest.first(form, "otc"), s.now());
        if (g == null) {
            return Pages.deviceCodeEntry(s.canary.of(browser.id()),
                    "That code didn't work. Check the code and try again.");
        }
        PendingFlows.Flow flow = s.flows.start(browser.id(), null, g.deviceCode(), g.tenantId(), g.clientId(),
                g.scopes(), s.now());
        SignInSessions.Session session = s.sessions.get(Html.cookie(request, SignInSessions.COOKIE));
        DirectoryUser user = session == null ? null : s.tenant(g.tenantId()).user(session.userOid()).orElse(null);
        // the real page always asks which account to use, even with a session
        return signIn.begin(request, flow, browser, user, session, true, null);
    }
}
