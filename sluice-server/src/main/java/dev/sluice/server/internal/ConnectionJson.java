package dev.sluice.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.Secret;
import dev.sluice.store.AuthMethod;
import dev.sluice.store.AuthSettings;
import dev.sluice.store.Authority;
import dev.sluice.store.BusinessCentralSettings;
import dev.sluice.store.CallbackMode;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionOptions;
import dev.sluice.store.ConnectionSettings;
import dev.sluice.store.ConnectionType;
import dev.sluice.store.GrantLevel;
import dev.sluice.store.OrgUrl;
import dev.sluice.store.SecretStore;
import dev.sluice.store.TokenStatus;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Connections to and from JSON. Secrets are accepted on write ({@code auth.clientSecret},
 * {@code auth.certificatePrivateKey}, {@code auth.certificate}) and never written out: a view names which secrets
 * are stored, and only to managers. Stateless and thread-safe.
 */
public final class ConnectionJson {
    /** JSON field of each secret, and the secret store's name for it. */
    public static final Map<String, String> SECRET_FIELDS = Map.of(
            "clientSecret", SecretStore.CLIENT_SECRET,
            "certificatePrivateKey", SecretStore.CERTIFICATE_PRIVATE_KEY,
            "certificate", SecretStore.CERTIFICATE);

    private ConnectionJson() {}

    /** Settings from a request body; server-mode sign-ins get this server's callback as their redirect URI. */
    public static ConnectionSettings settings(JsonNode body, Services services) {
        String name = JsonBodies.text(body, "name");
        String typeName = JsonBodies.optionalText(body, "type");
        ConnectionType type = typeName == null ? ConnectionType.DATAVERSE : ConnectionType.fromWireName(typeName);
        String orgText = JsonBodies.optionalText(body, "orgUrl");
        OrgUrl org = type == ConnectionType.BUSINESS_CENTRAL && (orgText == null || orgText.isBlank()) ? null
                : OrgUrl.parse(JsonBodies.text(body, "orgUrl"));
        String authority = JsonBodies.optionalText(body, "authority");
        JsonNode auth = body.path("auth");
        if (!auth.isObject()) {
            throw ApiProblem.badRequest("field 'auth' is required: an object with at least 'method'");
        }
        AuthMethod method = AuthMethod.fromWireName(JsonBodies.text(auth, "method"));
        List<String> scopes = new ArrayList<>();
        auth.path("scopes").forEach(s -> scopes.add(s.asText()));
        CallbackMode mode = null;
        URI redirect = uri(auth, "redirectUri");
        if (method == AuthMethod.AUTHORIZATION_CODE) {
            String m = JsonBodies.optionalText(auth, "callbackMode");
            mode = m == null ? CallbackMode.SERVER : CallbackMode.fromWireName(m);
            if (mode == CallbackMode.SERVER) {
                redirect = redirect == null ? services.defaultRedirectUri() : redirect;
                if (!services.isOwnCallback(redirect)) {
                    throw ApiProblem.badRequest("redirectUri must be this server's callback, "
                            + services.defaultRedirectUri() + ", so authorization codes never go elsewhere");
                }
            }
        }
        AuthSettings a = new AuthSettings(method, JsonBodies.optionalText(auth, "clientId"), scopes, mode, redirect,
                uri(auth, "authorizeEndpoint"), uri(auth, "tokenEndpoint"), uri(auth, "discoveryUrl"));
        JsonNode o = body.path("options");
        ConnectionOptions options = ConnectionOptions.DEFAULTS;
        if (o.isObject()) {
            options = new ConnectionOptions(
                    o.has("requestTimeoutSeconds") ? Duration.ofSeconds(o.get("requestTimeoutSeconds").asLong()) : null,
                    o.path("readOnly").asBoolean(false),
                    o.hasNonNull("impersonate") ? uuid(o.get("impersonate").asText()) : null,
                    o.path("pageSize").asInt(options.pageSize()),
                    o.path("maxConcurrency").asInt(options.maxConcurrency()));
        }
        JsonNode bc = body.path("businessCentral");
        BusinessCentralSettings place = type != ConnectionType.BUSINESS_CENTRAL ? null : new BusinessCentralSettings(
                JsonBodies.optionalText(bc, "environment"), JsonBodies.optionalText(bc, "company"));
        return new ConnectionSettings(name, type, org, JsonBodies.optionalText(body, "apiVersion"),
                authority == null ? null : Authority.parse(authority), JsonBodies.optionalText(body, "tenant"), a, options,
                place);
    }

    /** The secrets in a request body, by secret store name (absent ones are not included). */
    public static Map<String, Secret> secrets(JsonNode body) {
        Map<String, Secret> out = new LinkedHashMap<>();
        JsonNode auth = body.path("auth");
        SECRET_FIELDS.forEach((field, stored) -> {
            String v = JsonBodies.optionalText(auth, field);
            if (v != null && !v.isEmpty()) {
                out.put(stored, Secret.of(v));
            }
        });
        return out;
    }

    /** A connection as shown to a caller with {@code level}; never a secret value. */
    public static ObjectNode view(Connection c, TokenStatus status, GrantLevel level, List<String> storedSecrets) {
        ConnectionSettings s = c.settings();
        ObjectNode n = JsonBodies.MAPPER.createObjectNode();
        n.put("id", c.id().toString());
        n.put("name", s.name());
        n.put("type", s.type().wireName());
        n.put("orgUrl", s.orgUrl().toString());
        n.put("apiVersion", s.apiVersion());
        n.put("authority", s.authority().toString());
        n.put("tenant", s.tenant());
        if (s.businessCentral() != null) {
            ObjectNode bc = n.putObject("businessCentral");
            bc.put("environment", s.businessCentral().environment());
            bc.put("company", s.businessCentral().company());
        }
        ObjectNode a = n.putObject("auth");
        AuthSettings auth = s.auth();
        a.put("method", auth.method().wireName());
        a.put("clientId", auth.clientId());
        ArrayNode scopes = a.putArray("scopes");
        auth.scopes().forEach(scopes::add);
        a.put("callbackMode", auth.callbackMode() == null ? null : auth.callbackMode().wireName());
        a.put("redirectUri", str(auth.redirectUri()));
        a.put("authorizeEndpoint", str(auth.authorizeEndpoint()));
        a.put("tokenEndpoint", str(auth.tokenEndpoint()));
        a.put("discoveryUrl", str(auth.discoveryUrl()));
        if (level == GrantLevel.MANAGE) {
            ArrayNode stored = a.putArray("secretsStored");
            storedSecrets.forEach(stored::add);
        }
        ObjectNode o = n.putObject("options");
        o.put("requestTimeoutSeconds", s.options().requestTimeout().toSeconds());
        o.put("readOnly", s.options().readOnly());
        o.put("impersonate", s.options().impersonate() == null ? null : s.options().impersonate().toString());
        o.put("pageSize", s.options().pageSize());
        o.put("maxConcurrency", s.options().maxConcurrency());
        n.put("state", status.state().wireName());
        n.put("account", status.account());
        n.put("yourGrant", level.wireName());
        n.put("createdAt", c.createdAt().toString());
        n.put("updatedAt", c.updatedAt().toString());
        return n;
    }

    /** Token metadata: never a token value. */
    public static ObjectNode tokenStatus(TokenStatus t) {
        ObjectNode n = JsonBodies.MAPPER.createObjectNode();
        n.put("state", t.state().wireName());
        n.put("account", t.account());
        ArrayNode scopes = n.putArray("scopes");
        t.scopes().forEach(scopes::add);
        n.put("obtainedAt", str(t.obtainedAt()));
        n.put("expiresAt", str(t.expiresAt()));
        n.put("hasRefreshToken", t.hasRefreshToken());
        n.put("lastRefreshAt", str(t.lastRefreshAt()));
        n.put("lastError", t.lastError());
        return n;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static URI uri(JsonNode node, String field) {
        String v = JsonBodies.optionalText(node, field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return URI.create(v.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("field '" + field + "' is not a valid URL");
        }
    }

    private static UUID uuid(String v) {
        try {
            return UUID.fromString(v);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("'" + v + "' is not a GUID");
        }
    }
}
