package dev.sluice.emulator.internal.limits;

import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.HeaderMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Strips secrets from what the request log keeps: credentials in headers keep only their scheme
 * ({@code Bearer ***}), cookies are dropped, headers named like secrets and secret query parameters
 * keep their name with the value {@code ***}. Stateless.
 */
final class LogRedaction {
    static final String MASK = "***";
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization");
    private static final Set<String> DROPPED_HEADERS = Set.of("cookie", "cookie2");
    private static final List<String> SECRET_WORDS = List.of("secret", "password", "token", "api-key", "apikey");
    /** OAuth2 / OIDC parameters that carry credentials (RFC 6749, RFC 7636, RFC 7523). */
    private static final Set<String> SECRET_PARAMS = Set.of("client_secret", "code", "code_verifier",
            "refresh_token", "access_token", "id_token", "client_assertion", "assertion", "password",
            "device_code", "sig");

    private LogRedaction() {}

    static Map<String, List<String>> headers(HeaderMap headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : headers.asMap().entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (DROPPED_HEADERS.contains(name)) {
                continue;
            }
            List<String> values = new ArrayList<>(e.getValue().size());
            for (String v : e.getValue()) {
                values.add(redactHeader(name, v));
            }
            out.put(e.getKey(), List.copyOf(values));
        }
        return out;
    }

    private static String redactHeader(String lowerName, String value) {
        if (CREDENTIAL_HEADERS.contains(lowerName)) {
            int space = value.indexOf(' ');
            return space > 0 ? value.substring(0, space) + " " + MASK : MASK;
        }
        for (String word : SECRET_WORDS) {
            if (lowerName.contains(word)) {
                return MASK;
            }
        }
        return value;
    }

    /** The raw query with secret parameter values masked; null stays null. */
    static String query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return rawQuery;
        }
        StringBuilder out = new StringBuilder(rawQuery.length());
        for (String pair : rawQuery.split("&", -1)) {
            if (out.length() > 0) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (eq >= 0 && SECRET_PARAMS.contains(decodedLower(name))) {
                out.append(name).append('=').append(MASK);
            } else {
                out.append(pair);
            }
        }
        return out.toString();
    }

    private static String decodedLower(String name) {
        try {
            return ApiRequest.decode(name).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            // not valid percent-encoding: compare the name as written
            return name.toLowerCase(Locale.ROOT);
        }
    }
}
