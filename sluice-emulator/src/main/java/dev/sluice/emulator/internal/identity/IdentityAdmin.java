package dev.sluice.emulator.internal.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Json;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Test hooks under {@code /_emulator/identity/}:
 * <ul>
 *   <li>{@code GET /_emulator/identity} — tenant, apps, users and secrets (as {@code --info-file})
 *   <li>{@code POST /_emulator/identity/users/{upn}/revoke} — revoke the user's refresh tokens
 *   <li>{@code POST /_emulator/identity/access-tokens/expire} — expire every access token now
 *   <li>{@code GET|PUT /_emulator/identity/lifetimes} — {@code {"accessTokenSeconds":…,"refreshTokenSeconds":…}}
 *   <li>{@code DELETE /_emulator/identity/consents} — forget every consent
 *   <li>{@code GET|DELETE /_emulator/identity/token-requests} — counts per grant type and client
 *   <li>{@code POST /_emulator/identity/trusted-issuers} — {@code {"discoveryUrl":…}}
 * </ul>
 * Thread-safe.
 */
final class IdentityAdmin {
    private final IdentityService service;

    IdentityAdmin(IdentityService service) {
        this.service = service;
    }

    ApiResponse handle(ApiRequest request, String rest) {
        String m = request.method();
        try {
            if (rest.isEmpty() || rest.equals("/")) {
                return m.equals("GET") ? ok(service.info(request.baseUrl()).toInfo()) : notAllowed(m);
            }
            if (rest.startsWith("/users/") && rest.endsWith("/revoke")) {
                String upn = ApiRequest.decode(rest.substring("/users/".length(), rest.length() - "/revoke".length()));
                if (!m.equals("POST")) {
                    return notAllowed(m);
                }
                int n = service.revokeRefreshTokens(upn);
                return n < 0 ? error(404, "No user '" + upn + "' in the directory.") : ok(Map.of("revoked", n));
            }
            return switch (rest) {
                case "/access-tokens/expire" -> m.equals("POST") ? ok(Map.of("expired", service.expireAccessTokens()))
                        : notAllowed(m);
                case "/lifetimes" -> lifetimes(request);
                case "/consents" -> {
                    if (!m.equals("DELETE")) {
                        yield notAllowed(m);
                    }
                    service.resetConsent();
                    yield ApiResponse.of(204);
                }
                case "/token-requests" -> tokenRequests(request);
                case "/trusted-issuers" -> {
                    if (!m.equals("POST")) {
                        yield notAllowed(m);
                    }
                    String url = body(request).path("discoveryUrl").asText("");
                    if (!Scopes.isUri(url)) {
                        yield error(400, "Send {\"discoveryUrl\":\"http://host/.well-known/openid-configuration\"}.");
                    }
                    service.trustIssuer(URI.create(url));
                    yield ApiResponse.of(204);
                }
                default -> error(404, "No identity admin path '" + rest + "'.");
            };
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    private ApiResponse lifetimes(ApiRequest request) {
        if (request.method().equals("PUT") || request.method().equals("PATCH")) {
            JsonNode b = body(request);
            if (b.has("accessTokenSeconds")) {
                JsonNode v = b.get("accessTokenSeconds");
                service.accessTokenLifetime(v.isNull() ? null : Duration.ofSeconds(positive(v, "accessTokenSeconds")));
            }
            if (b.has("refreshTokenSeconds")) {
                service.refreshTokenLifetime(Duration.ofSeconds(positive(b.get("refreshTokenSeconds"),
                        "refreshTokenSeconds")));
            }
        } else if (!request.method().equals("GET")) {
            return notAllowed(request.method());
        }
        Duration access = service.accessTokenLifetime();
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("accessTokenSeconds", access == null ? null : access.toSeconds());
        out.put("refreshTokenSeconds", service.refreshTokenLifetime().toSeconds());
        return ok(out);
    }

    private ApiResponse tokenRequests(ApiRequest request) {
        if (request.method().equals("DELETE")) {
            service.tokenRequests().reset();
            return ApiResponse.of(204);
        }
        if (!request.method().equals("GET")) {
            return notAllowed(request.method());
        }
        TokenRequestCounts c = service.tokenRequests();
        return ok(Map.of("total", c.get(request.query("grant_type"), request.query("client_id")),
                "counts", c.snapshot()));
    }

    private static long positive(JsonNode v, String name) {
        if (!v.canConvertToLong() || v.asLong() <= 0) {
            throw new IllegalArgumentException("'" + name + "' must be a positive number of seconds, got " + v);
        }
        return v.asLong();
    }

    private static JsonNode body(ApiRequest request) {
        try {
            JsonNode n = request.body().length == 0 ? null : Json.MAPPER.readTree(request.body());
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("The body must be a JSON object.");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException("The body is not valid JSON.");
        }
    }

    private static ApiResponse ok(Object value) {
        try {
            return ApiResponse.text(200, "application/json; charset=utf-8", "").body(Json.MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiResponse notAllowed(String method) {
        return error(405, "Method " + method + " is not allowed here.");
    }

    private static ApiResponse error(int status, String message) {
        return ApiResponse.text(status, "application/json; charset=utf-8", "").body(Json.error(
                status == 404 ? "NotFound" : status == 405 ? "MethodNotAllowed" : "BadRequest", message));
    }
}
