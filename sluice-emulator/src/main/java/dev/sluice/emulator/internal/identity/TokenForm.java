package dev.sluice.emulator.internal.identity;

import dev.sluice.emulator.internal.http.ApiRequest;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a token or device code request: the {@code application/x-www-form-urlencoded}
 * body (a body of any other type carries none, as on the real service). Immutable.
 */
record TokenForm(Map<String, List<String>> params) {
    TokenForm {
        params = Map.copyOf(params);
    }

    static TokenForm of(ApiRequest request) {
        String type = request.headers().first("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return new TokenForm(Map.of());
        }
        try {
            return new TokenForm(ApiRequest.parseForm(request.bodyText()));
        } catch (IllegalArgumentException e) {
            throw AadError.malformed("The request body is not valid form encoding.");
        }
    }

    /** The value, or null when absent or empty. */
    String get(String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() || v.get(0).isEmpty() ? null : v.get(0);
    }

    String require(String name) {
        String v = get(name);
        if (v == null) {
            throw AadError.missing(name);
        }
        return v;
    }
}
