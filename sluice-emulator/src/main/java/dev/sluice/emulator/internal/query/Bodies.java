package dev.sluice.emulator.internal.query;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.DataverseHeaders;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Response bodies and headers shared by the read paths. Stateless. */
public final class Bodies {
    private Bodies() {}

    /** JSON written with a streaming generator into a buffer sized for the expected output. */
    public static byte[] json(int sizeHint, Json.JsonWork work) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, sizeHint));
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            work.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A {@code text/plain} number, as {@code /$count} answers. */
    static ApiResponse count(long n) {
        ApiResponse r = new ApiResponse(200).body(Long.toString(n).getBytes(StandardCharsets.UTF_8));
        r.header("OData-Version", "4.0");
        r.header("Content-Type", "text/plain");
        return r;
    }

    /** Adds {@code Preference-Applied} with the honoured preferences, comma-joined, when there are any. */
    public static ApiResponse applied(ApiResponse r, List<String> applied) {
        if (!applied.isEmpty()) {
            r.header(DataverseHeaders.PREFERENCE_APPLIED, String.join(",", applied));
        }
        return r;
    }

    /** Percent-encodes a query value for a link: upper-case hex; letters, digits, {@code -._~=/} kept. */
    public static String encodeQueryValue(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~' || c == '=' || c == '/') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /** The raw query without the named options (for building nextLink and deltaLink). */
    static String queryWithout(String rawQuery, String... names) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        outer:
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            try {
                name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // not valid URL encoding: the name as written
                name = pair;
            }
            for (String n : names) {
                if (n.equals(name)) {
                    continue outer;
                }
            }
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(pair);
        }
        return sb.toString();
    }

    /** The raw query with only the named options (e.g. $select for a representation). */
    static String queryKeeping(String rawQuery, List<String> names) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name;
            try {
                name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // a pair that is not valid URL encoding is skipped, as the service skips it
                continue;
            }
            if (names.contains(name)) {
                if (sb.length() > 0) {
                    sb.append('&');
                }
                sb.append(pair);
            }
        }
        return sb.toString();
    }
}
