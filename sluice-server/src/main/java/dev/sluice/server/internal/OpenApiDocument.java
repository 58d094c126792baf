package dev.sluice.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 document of {@code /api/v1}, generated from the same route table the server registers, so every
 * route is documented and nothing else. Immutable once built; thread-safe.
 */
public final class OpenApiDocument {
    private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z]+)}");

    private OpenApiDocument() {}

    /** The document for these routes (only those under {@code /api/v1}). */
    public static ObjectNode of(List<ApiRoute> routes) {
        ObjectNode doc = JsonBodies.MAPPER.createObjectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Sluice server API");
        info.put("version", "1");
        info.put("description", "Connections, authorization, grants, audit and data of Sluice. Errors are "
                + "application/problem+json (RFC 9457). Authenticate with a session cookie (state-changing requests "
                + "then need the X-CSRF-Token header) or 'Authorization: Bearer <API token>'.");
        ObjectNode schemes = doc.putObject("components").putObject("securitySchemes");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer");
        schemes.putObject("session").put("type", "apiKey").put("in", "cookie").put("name", "sluice_session");
        ObjectNode paths = doc.putObject("paths");
        for (ApiRoute r : routes) {
            if (!r.path().startsWith("/api/v1")) {
                continue;
            }
            ObjectNode path = paths.has(r.path()) ? (ObjectNode) paths.get(r.path()) : paths.putObject(r.path());
            ObjectNode op = path.putObject(r.method().name().toLowerCase(Locale.ROOT));
            op.put("summary", r.summary());
            op.put("description", "Who may call it: " + r.access() + ".");
            ArrayNode params = op.putArray("parameters");
            Matcher m = PARAM.matcher(r.path());
            while (m.find()) {
                ObjectNode p = params.addObject();
                p.put("name", m.group(1));
                p.put("in", "path");
                p.put("required", true);
                p.putObject("schema").put("type", "string");
            }
            if (r.isPublic()) {
                op.putArray("security");
            }
            ObjectNode responses = op.putObject("responses");
            responses.putObject("2XX").put("description", "Success");
            responses.putObject("default").put("description", "A problem")
                    .putObject("content").putObject(Problems.MEDIA_TYPE).putObject("schema")
                    .put("$ref", "#/components/schemas/Problem");
        }
        ObjectNode problem = ((ObjectNode) doc.get("components")).putObject("schemas").putObject("Problem");
        problem.put("type", "object");
        ObjectNode props = problem.putObject("properties");
        for (String f : new String[] {"type", "title", "detail", "requestId"}) {
            props.putObject(f).put("type", "string");
        }
        props.putObject("status").put("type", "integer");
        return doc;
    }
}
