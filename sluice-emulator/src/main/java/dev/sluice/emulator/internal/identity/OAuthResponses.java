package dev.sluice.emulator.internal.identity;

import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** JSON answers of the token, device code and discovery endpoints (fact sheet §F.3). Stateless. */
public final class OAuthResponses {
    /** The real service's {@code timestamp} format: {@code 2016-01-09 02:02:12Z}. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final String JSON = "application/json; charset=utf-8";

    private OAuthResponses() {}

    /** 200 JSON with {@code Cache-Control: no-store, no-cache} and {@code Pragma: no-cache}. */
    public static ApiResponse ok(ApiRequest request, byte[] body) {
        return tokenHeaders(request, ApiResponse.text(200, JSON, "").body(body));
    }

    /** The error JSON: error, description with trace and correlation ids, error_codes, timestamp, … */
    public static ApiResponse error(ApiRequest request, AadError e, Instant now) {
        String trace = UUID.randomUUID().toString();
        String correlation = correlationId(request);
        String ts = TIMESTAMP.format(now);
        byte[] body = Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("error", e.error());
            g.writeStringField("error_description", e.aadstsMessage() + "\r\nTrace ID: " + trace
                    + "\r\nCorrelation ID: " + correlation + "\r\nTimestamp: " + ts);
            g.writeArrayFieldStart("error_codes");
            g.writeNumber(e.code());
            g.writeEndArray();
            g.writeStringField("timestamp", ts);
            g.writeStringField("trace_id", trace);
            g.writeStringField("correlation_id", correlation);
            // the real service links its own error lookup page
            g.writeStringField("error_uri", "https://login.microsoftonline.com/error?code=" + e.code());
            if (e.suberror() != null) {
                g.writeStringField("suberror", e.suberror());
            }
            g.writeEndObject();
        });
        ApiResponse r = tokenHeaders(request, ApiResponse.text(e.status(), JSON, "").body(body));
        r.header("x-ms-request-id", trace);
        return r;
    }

    /** Plain JSON (discovery, JWKS) with the real service's caching and CORS headers. */
    public static ApiResponse document(byte[] body) {
        ApiResponse r = ApiResponse.text(200, JSON, "").body(body);
        r.header("Cache-Control", "max-age=86400, private");
        r.header("Access-Control-Allow-Origin", "*");
        return r;
    }

    private static ApiResponse tokenHeaders(ApiRequest request, ApiResponse r) {
        r.header("Cache-Control", "no-store, no-cache");
        r.header("Pragma", "no-cache");
        if ("true".equalsIgnoreCase(request.headers().first("return-client-request-id"))) {
            r.header("client-request-id", correlationId(request));
        }
        return r;
    }

    /** The client's {@code client-request-id} when it is a GUID (MSAL sends one), else a new one. */
    static String correlationId(ApiRequest request) {
        String c = request.headers().first("client-request-id");
        if (c != null) {
            try {
                return UUID.fromString(c).toString();
            } catch (IllegalArgumentException ignored) {
                // not a GUID: the real service makes its own
            }
        }
        return UUID.randomUUID().toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
