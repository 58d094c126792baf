package dev.sluice.emulator.internal.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Json;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * JSON in and out for the admin API: {@code application/json} bodies, and errors as
 * {@code {"error":{"code":"BadRequest","message":…}}}. Stateless.
 */
final class AdminJson {
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private AdminJson() {}

    /** Bad admin input; becomes a 400 whose message names the problem. */
    static final class BadInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message, null, false, false);
        }
    }

    static ApiResponse ok(int status, byte[] body) {
        return ApiResponse.of(status).header("Content-Type", CONTENT_TYPE).body(body);
    }

    static ApiResponse ok(int status, JsonNode body) {
        return ok(status, Json.bytes(body));
    }

    static ApiResponse error(int status, String code, String message) {
        return ok(status, Json.error(code, message));
    }

    /** The request body as a JSON object whose field names are all in {@code allowed}. */
    static ObjectNode object(ApiRequest request, Set<String> allowed) {
        JsonNode node;
        try {
            node = request.body().length == 0 ? null : Json.MAPPER.readTree(request.body());
        } catch (IOException e) {
            throw new BadInput("the body is not valid JSON");
        }
        if (!(node instanceof ObjectNode o)) {
            throw new BadInput("the body must be a JSON object");
        }
        for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new BadInput("unknown field '" + name + "'; expected some of " + allowed.stream().sorted().toList());
            }
        }
        return o;
    }

    /** An optional integer field; null when absent or JSON null. */
    static Long integer(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new BadInput("field '" + field + "' must be an integer, got " + v);
        }
        return v.longValue();
    }

    /** An optional integer field that must fit an int. */
    static Integer smallInteger(ObjectNode o, String field) {
        Long v = integer(o, field);
        if (v == null) {
            return null;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new BadInput("field '" + field + "' is out of range: " + v);
        }
        return v.intValue();
    }

    /** An optional number field; null when absent or JSON null. */
    static Double number(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new BadInput("field '" + field + "' must be a number, got " + v);
        }
        return v.doubleValue();
    }

    /** An optional string field; null when absent or JSON null. */
    static String text(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadInput("field '" + field + "' must be a string, got " + v);
        }
        return v.asText();
    }
}
