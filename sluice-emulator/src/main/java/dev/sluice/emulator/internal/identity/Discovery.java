package dev.sluice.emulator.internal.identity;

import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.identity.directory.Tenant;
import java.util.List;
import java.util.Map;

/**
 * The OpenID Connect discovery document, the JWKS, and MSAL's instance discovery (fact sheet §F.1).
 * Thread-safe.
 */
final class Discovery {
    private final IdentityState s;

    Discovery(IdentityState s) {
        this.s = s;
    }

    /** {@code /{tenant}/v2.0/.well-known/openid-configuration}; for common/organizations the issuer has {@code {tenantid}}. */
    ApiResponse openidConfiguration(ApiRequest request, String segment) {
        boolean multi = segment.equalsIgnoreCase("common") || segment.equalsIgnoreCase("organizations");
        Tenant tenant = s.directory.tenant(segment, null).orElseThrow(() -> TokenEndpoint.unknownTenant(segment));
        String o = request.baseUrl();
        String t = multi ? segment.toLowerCase(java.util.Locale.ROOT) : tenant.id().toString();
        String issuer = multi ? o + "/{tenantid}/v2.0" : TokenIssuer.idIssuer(o, tenant.id());
        byte[] body = Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("token_endpoint", o + "/" + t + "/oauth2/v2.0/token");
            array(g, "token_endpoint_auth_methods_supported",
                    List.of("client_secret_post", "private_key_jwt", "client_secret_basic"));
            g.writeStringField("jwks_uri", o + "/" + t + "/discovery/v2.0/keys");
            array(g, "response_modes_supported", List.of("query", "fragment", "form_post"));
            array(g, "subject_types_supported", List.of("pairwise"));
            array(g, "id_token_signing_alg_values_supported", List.of("RS256"));
            array(g, "response_types_supported", List.of("code", "id_token", "code id_token", "id_token token"));
            array(g, "scopes_supported", List.of("openid", "profile", "email", "offline_access"));
            g.writeStringField("issuer", issuer);
            g.writeBooleanField("request_uri_parameter_supported", false);
            g.writeStringField("userinfo_endpoint", "https://graph.microsoft.com/oidc/userinfo");
            g.writeStringField("authorization_endpoint", o + "/" + t + "/oauth2/v2.0/authorize");
            g.writeStringField("device_authorization_endpoint", o + "/" + t + "/oauth2/v2.0/devicecode");
            g.writeBooleanField("http_logout_supported", true);
            g.writeBooleanField("frontchannel_logout_supported", true);
            g.writeStringField("end_session_endpoint", o + "/" + t + "/oauth2/v2.0/logout");
            array(g, "claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "acr", "nonce",
                    "preferred_username", "name", "tid", "ver", "email", "oid"));
            array(g, "code_challenge_methods_supported", List.of("plain", "S256"));
            g.writeStringField("tenant_region_scope", "WW");
            g.writeStringField("cloud_instance_name", "microsoftonline.com");
            g.writeStringField("cloud_graph_host_name", "graph.windows.net");
            g.writeStringField("msgraph_host", "graph.microsoft.com");
            g.writeStringField("rbac_url", "https://pas.windows.net");
            g.writeEndObject();
        });
        return OAuthResponses.document(body);
    }

    /** {@code /{tenant}/discovery/v2.0/keys}: the public signing key. */
    ApiResponse keys(ApiRequest request, String segment) {
        Tenant tenant = s.directory.tenant(segment, null).orElseThrow(() -> TokenEndpoint.unknownTenant(segment));
        Map<String, Object> jwk = new java.util.LinkedHashMap<>(s.key.publicJwk().toJSONObject());
        jwk.put("issuer", TokenIssuer.idIssuer(request.baseUrl(), tenant.id()));
        byte[] body = Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("keys");
            g.writeObject(jwk);
            g.writeEndArray();
            g.writeEndObject();
        });
        return OAuthResponses.document(body);
    }

    /** {@code /common/discovery/instance}: MSAL's instance discovery, pointing at this server. */
    ApiResponse instance(ApiRequest request) {
        String endpoint = request.query("authorization_endpoint");
        String tenant = "common";
        if (endpoint != null) {
            String[] parts = endpoint.replaceFirst("^[a-z]+://[^/]+/", "").split("/");
            tenant = parts.length > 0 && !parts[0].isEmpty() ? parts[0] : "common";
        }
        String host = request.baseUrl().replaceFirst("^[a-z]+://", "");
        String t = tenant;
        byte[] body = Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("tenant_discovery_endpoint",
                    request.baseUrl() + "/" + t + "/v2.0/.well-known/openid-configuration");
            g.writeStringField("api-version", "1.1");
            g.writeArrayFieldStart("metadata");
            g.writeStartObject();
            g.writeStringField("preferred_network", host);
            g.writeStringField("preferred_cache", host);
            array(g, "aliases", List.of(host));
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
        return OAuthResponses.document(body);
    }

    private static void array(com.fasterxml.jackson.core.JsonGenerator g, String name, List<String> values)
            throws java.io.IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
