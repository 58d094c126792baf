package dev.sluice.emulator.internal.identity;

import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;

/**
 * The browser a sign-in page talks to, known by its {@code esctx} cookie (made on first sight).
 * Immutable.
 *
 * @param id the cookie value
 * @param isNew whether the cookie must be set on the response
 */
record Browser(String id, boolean isNew) {
    static Browser of(ApiRequest request) {
        String id = Html.cookie(request, CsrfCanary.BROWSER_COOKIE);
        return id != null && id.matches("[A-Za-z0-9_-]{20,100}") ? new Browser(id, false)
                : new Browser(Randoms.token(32), true);
    }

    /** Sets the cookie on a response if it is new. */
    ApiResponse apply(ApiResponse response) {
        if (isNew) {
            response.header("Set-Cookie", Html.setCookie(CsrfCanary.BROWSER_COOKIE, id));
        }
        return response;
    }
}
