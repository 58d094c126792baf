package dev.sluice.server.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads request bodies and writes JSON answers with one shared mapper. Bodies are read within the route's
 * {@link BodyLimits size limit} and parsed within {@link #CONSTRAINTS}; going past either is a problem answer (413
 * for size, 400 for nesting), never an internal error. Thread-safe.
 */
public final class JsonBodies {
    /** How deep a body may nest: Sluice's own bodies nest three levels; Dataverse rows are flat. */
    public static final int MAX_DEPTH = 64;
    /** The longest string or number; a memo column holds at most 1,048,576 characters (Dataverse). */
    public static final int MAX_STRING_CHARS = 1 << 20;
    /** Dataverse's decimal and money types carry at most 38 digits; room for exponents and signs. */
    public static final int MAX_NUMBER_CHARS = 100;
    /** Jackson's stream constraints for every body Sluice reads. */
    public static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING_CHARS).maxNumberLength(MAX_NUMBER_CHARS)
            .maxNameLength(1024).build();
    /** Shared mapper; configured once, then only used. */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(CONSTRAINTS).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private JsonBodies() {}

    /** The body as a JSON object, or a problem naming what is wrong (413 too large, 400 otherwise). */
    public static JsonNode object(Context ctx) {
        JsonNode node;
        try (InputStream in = BodyLimits.body(ctx)) {
            node = MAPPER.readTree(in);
        } catch (BodyLimits.TooLarge e) {
            throw BodyLimits.tooLarge(e.limit);
        } catch (JsonProcessingException e) {
            throw problem(e, "the body");
        } catch (IOException e) {
            throw ApiProblem.badRequest("the body could not be read");
        }
        if (node == null || !node.isObject()) {
            throw ApiProblem.badRequest("the body must be a JSON object");
        }
        return node;
    }

    /**
     * The problem for a body (or one line of one) Jackson refused: past a stream constraint (the exception has no
     * location then), or not JSON at a line and column.
     */
    public static ApiProblem problem(JsonProcessingException e, String what) {
        if (e instanceof StreamConstraintsException) {
            String m = String.valueOf(e.getOriginalMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("depth")) {
                return ApiProblem.badRequest(what + " nests deeper than " + MAX_DEPTH + " levels");
            }
            return new ApiProblem(413, "Content too large", what + " has a string, number or name longer than "
                    + "allowed (strings " + MAX_STRING_CHARS + " characters, numbers " + MAX_NUMBER_CHARS + " digits)");
        }
        JsonLocation at = e.getLocation();
        return ApiProblem.badRequest(what + " is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr()
                + ", column " + at.getColumnNr() + ")"));
    }

    /** Refuses a body that is not declared as JSON (415): a cross-site form cannot send {@code application/json}. */
    public static void requireJson(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiProblem(415, "Unsupported media type", "send the body as application/json");
        }
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
