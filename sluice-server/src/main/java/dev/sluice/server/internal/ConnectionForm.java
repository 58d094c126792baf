package dev.sluice.server.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.store.AuthSettings;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionOptions;
import dev.sluice.store.ConnectionSettings;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The create/edit connection form: its field values (never a secret: secret fields always come back empty), and
 * the same JSON body the REST API takes, so both are validated by {@link ConnectionJson}. Immutable.
 *
 * @param values field name to value
 */
public record ConnectionForm(Map<String, String> values) {
    /** Non-secret fields, in form order. */
    static final List<String> FIELDS = List.of("name", "kind", "environment", "company", "orgUrl", "tenant", "authority", "apiVersion", "method",
            "clientId", "scopes", "callbackMode", "redirectUri", "authorizeEndpoint", "tokenEndpoint", "discoveryUrl",
            "requestTimeoutSeconds", "pageSize", "maxConcurrency", "impersonate", "readOnly");
    /** Secret fields: the request body's names. */
    static final List<String> SECRETS = List.of("clientSecret", "certificate", "certificatePrivateKey");
    private static final Pattern PEM = Pattern.compile("(-----BEGIN [A-Z0-9 ]+-----)(.*?)(-----END [A-Z0-9 ]+-----)",
            Pattern.DOTALL);

    public ConnectionForm {
        values = Map.copyOf(values);
    }

    /** The value of a field, or "". */
    public String v(String field) {
        return values.getOrDefault(field, "");
    }

    /** An empty form for a new connection. */
    static ConnectionForm blank() {
        return new ConnectionForm(Map.of("kind", "dataverse", "method", "authorization-code", "callbackMode", "server"));
    }

    /** The form of an existing connection. */
    static ConnectionForm of(Connection c) {
        ConnectionSettings s = c.settings();
        AuthSettings a = s.auth();
        ConnectionOptions o = s.options();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", s.name());
        v.put("kind", s.type().wireName());
        v.put("environment", s.businessCentral() == null ? "" : s.businessCentral().environment());
        v.put("company", s.businessCentral() == null ? "" : s.businessCentral().company() == null ? "all"
                : s.businessCentral().company());
        v.put("orgUrl", s.orgUrl().toString());
        v.put("tenant", str(s.tenant()));
        v.put("authority", str(s.authority()));
        v.put("apiVersion", str(s.apiVersion()));
        v.put("method", a.method().wireName());
        v.put("clientId", str(a.clientId()));
        v.put("scopes", String.join(" ", a.scopes()));
        v.put("callbackMode", a.callbackMode() == null ? "server" : a.callbackMode().wireName());
        v.put("redirectUri", str(a.redirectUri()));
        v.put("authorizeEndpoint", str(a.authorizeEndpoint()));
        v.put("tokenEndpoint", str(a.tokenEndpoint()));
        v.put("discoveryUrl", str(a.discoveryUrl()));
        v.put("requestTimeoutSeconds", String.valueOf(o.requestTimeout().toSeconds()));
        v.put("pageSize", String.valueOf(o.pageSize()));
        v.put("maxConcurrency", String.valueOf(o.maxConcurrency()));
        v.put("impersonate", str(o.impersonate()));
        v.put("readOnly", o.readOnly() ? "on" : "");
        return new ConnectionForm(v);
    }

    /** The posted form's non-secret values. */
    static ConnectionForm posted(Context ctx) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String f : FIELDS) {
            String value = ctx.formParam(f);
            v.put(f, value == null ? "" : value.strip());
        }
        return new ConnectionForm(v);
    }

    /** The REST API's request body for the posted form (secrets included, blank ones left out). */
    static ObjectNode body(Context ctx) {
        ConnectionForm f = posted(ctx);
        ObjectNode n = JsonBodies.MAPPER.createObjectNode();
        for (String field : List.of("name", "orgUrl", "tenant", "authority", "apiVersion")) {
            putIfGiven(n, field, f.v(field));
        }
        putIfGiven(n, "type", f.v("kind"));
        if (f.v("kind").equals("business-central")) {
            ObjectNode bc = n.putObject("businessCentral");
            putIfGiven(bc, "environment", f.v("environment"));
            putIfGiven(bc, "company", f.v("company"));
        }
        ObjectNode auth = n.putObject("auth");
        String method = f.v("method");
        putIfGiven(auth, "method", method);
        putIfGiven(auth, "clientId", f.v("clientId"));
        for (String scope : f.v("scopes").split("[\\s,]+")) {
            if (!scope.isBlank()) {
                auth.withArray("scopes").add(scope);
            }
        }
        if (method.equals("authorization-code")) {
            putIfGiven(auth, "callbackMode", f.v("callbackMode"));
            putIfGiven(auth, "redirectUri", f.v("redirectUri"));
        }
        for (String field : List.of("authorizeEndpoint", "tokenEndpoint", "discoveryUrl")) {
            putIfGiven(auth, field, f.v(field));
        }
        for (String secret : SECRETS) {
            String value = ctx.formParam(secret);
            if (value != null && !value.isBlank()) {
                auth.put(secret, secret.startsWith("certificate") ? reflowPem(value.strip()) : value);
            }
        }
        ObjectNode o = n.putObject("options");
        for (String field : List.of("requestTimeoutSeconds", "pageSize", "maxConcurrency")) {
            if (!f.v(field).isEmpty()) {
                try {
                    o.put(field, Long.parseLong(f.v(field)));
                } catch (NumberFormatException e) {
                    throw ApiProblem.badRequest("'" + field + "' must be a whole number, got '" + f.v(field) + "'");
                }
            }
        }
        putIfGiven(o, "impersonate", f.v("impersonate"));
        o.put("readOnly", f.v("readOnly").equals("on"));
        return n;
    }

    /**
     * A password field drops line breaks, so PEM pasted into one arrives on one line: put the 64-column lines
     * (RFC 7468 §2) back between each BEGIN and END marker.
     */
    static String reflowPem(String value) {
        Matcher m = PEM.matcher(value);
        StringBuilder out = new StringBuilder();
        boolean any = false;
        while (m.find()) {
            any = true;
            String body = m.group(2).replaceAll("\\s", "");
            out.append(m.group(1)).append('\n');
            for (int i = 0; i < body.length(); i += 64) {
                out.append(body, i, Math.min(body.length(), i + 64)).append('\n');
            }
            out.append(m.group(3)).append('\n');
        }
        return any ? out.toString() : value;
    }

    private static void putIfGiven(ObjectNode n, String field, String value) {
        if (value != null && !value.isBlank()) {
            n.put(field, value.strip());
        }
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
