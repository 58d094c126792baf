package dev.sluice.emulator.internal.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request as the emulator's handlers see it, whether it came over HTTP or out of a {@code $batch}
 * part.
 *
 * @param method upper-case HTTP method
 * @param path the raw (percent-encoded) path after the service root, e.g. {@code accounts(…)/name};
 *     for non-Dataverse routes the full raw path
 * @param rawQuery the raw query string without {@code ?}, or null
 * @param headers request headers
 * @param body request body (empty when none)
 * @param baseUrl the service root the client used, ending in {@code /}, e.g.
 *     {@code http://127.0.0.1:7070/api/data/v9.2/}; the origin for non-Dataverse routes
 * @param caller the authenticated caller, or null before authentication
 */
public record ApiRequest(
        String method, String path, String rawQuery, HeaderMap headers, byte[] body, String baseUrl, Caller caller) {

    public ApiRequest withCaller(Caller c) {
        return new ApiRequest(method, path, rawQuery, headers, body, baseUrl, c);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Query parameters decoded, in order; a name without {@code =} maps to an empty string. */
    public Map<String, List<String>> queryParameters() {
        return parseForm(rawQuery);
    }

    /** First decoded query parameter, or null. */
    public String query(String name) {
        List<String> v = queryParameters().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Decodes {@code application/x-www-form-urlencoded} text (or a query string). */
    public static Map<String, List<String>> parseForm(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.computeIfAbsent(decode(name), k -> new ArrayList<>()).add(decode(value));
        }
        return out;
    }

    /** Percent-decodes with {@code +} as space; malformed escapes are an {@link IllegalArgumentException}. */
    public static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
