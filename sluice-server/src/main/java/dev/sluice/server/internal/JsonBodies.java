package dev.sluice.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;

/** Reads request bodies and writes JSON answers with one shared mapper. Thread-safe. */
public final class JsonBodies {
    /** Shared mapper; configured once, then only used. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private JsonBodies() {}

    /** The body as a JSON object, or a 400 naming what is wrong. */
    public static JsonNode object(Context ctx) {
        JsonNode node;
        try {
            node = MAPPER.readTree(ctx.bodyInputStream());
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw ApiProblem.badRequest("the body could not be read");
        }
        if (node == null || !node.isObject()) {
            throw ApiProblem.badRequest("the body must be a JSON object");
        }
        return node;
    }

    /** Writes {@code value} as JSON with this status. */
    public static void write(Context ctx, int status, Object value) {
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer as JSON", e);
        }
    }

    /** A required text field, or a 400 naming it. */
    public static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw ApiProblem.badRequest("field '" + field + "' is required and must be a non-empty string");
        }
        return v.asText();
    }

    /** An optional text field: null when absent or JSON null; a 400 when not a string. */
    public static String optionalText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiProblem.badRequest("field '" + field + "' must be a string");
        }
        return v.asText();
    }
}
