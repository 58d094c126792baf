package dev.sluice.emulator.internal.identity;

import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * How an authorize request ends: a redirect to the app (query or fragment), an auto-posting form
 * ({@code form_post}), or, when the redirect URI is not trusted, an error page. Stateless.
 */
final class AuthorizeResponses {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private AuthorizeResponses() {}

    static ApiResponse success(AuthorizationRequest.Target t, String code, UUID sessionState) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("code", code);
        if (t.state() != null) {
            p.put("state", t.state());
        }
        p.put("session_state", sessionState.toString());
        return send(t, p);
    }

    static ApiResponse error(ApiRequest request, AuthorizationRequest.Target t, AadError e, Instant now) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("error", e.error());
        p.put("error_description", e.aadstsMessage() + "\r\nTrace ID: " + UUID.randomUUID() + "\r\nCorrelation ID: "
                + OAuthResponses.correlationId(request) + "\r\nTimestamp: " + TIMESTAMP.format(now));
        p.put("error_uri", "https://login.microsoftonline.com/error?code=" + e.code());
        if (t.state() != null) {
            p.put("state", t.state());
        }
        return send(t, p);
    }

    /** The error page: for an unknown app or an untrusted redirect URI, never a redirect. */
    static ApiResponse page(ApiRequest request, AadError e, Instant now) {
        return Pages.error(400, e, OAuthResponses.correlationId(request), TIMESTAMP.format(now));
    }

    private static ApiResponse send(AuthorizationRequest.Target t, Map<String, String> p) {
        if (t.responseMode().equals("form_post")) {
            return Pages.formPost(RedirectUris.normalized(t.redirectUri()), p, RedirectUris.origin(t.redirectUri()));
        }
        ApiResponse r = ApiResponse.of(302);
        r.header("Location", RedirectUris.withParameters(t.redirectUri(), p, t.responseMode().equals("fragment")));
        r.header("Cache-Control", "no-store, no-cache");
        r.header("Pragma", "no-cache");
        return r;
    }
}
