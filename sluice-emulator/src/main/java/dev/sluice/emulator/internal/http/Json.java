package dev.sluice.emulator.internal.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.core.DataverseErrorCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The emulator's own JSON plumbing and its only Jackson mappers (shared with nothing in the client).
 * Thread-safe.
 */
public final class Json {
    /** Request bodies and everything else: trailing tokens refused, decimals kept exact. */
    public static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    public static final JsonFactory FACTORY = MAPPER.getFactory();
    /**
     * Values inside a query function's arguments ({@code PropertyValues=['a','b']}): single quotes allowed,
     * numbers as doubles and anything after the value ignored, as Dataverse reads them.
     */
    public static final ObjectReader LENIENT = MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(JsonReadFeature.ALLOW_SINGLE_QUOTES);
    /** Schema and identity directory files. */
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Json() {}

    /** Writes JSON with a streaming generator into a byte array. */
    public static byte[] write(JsonWork work) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            work.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses a request body that must be a JSON object; anything else is Dataverse's payload error. */
    public static ObjectNode parseObject(byte[] body, String entitySet) {
        JsonNode node;
        try {
            node = body.length == 0 ? null : MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                    "Error identified in Payload provided by the user for Entity :'" + entitySet
                            + "'  ----> InnerException : Microsoft.OData.ODataException: The request body is not "
                            + "valid JSON: " + firstLine(e.getMessage()));
        }
        if (!(node instanceof ObjectNode o)) {
            throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                    "Error identified in Payload provided by the user for Entity :'" + entitySet
                            + "'  ----> InnerException : Microsoft.OData.ODataException: The request body must be a "
                            + "JSON object.");
        }
        return o;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The Dataverse error body: {@code {"error":{"code":…,"message":…}}}. */
    public static byte[] error(String code, String message) {
        return write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", code);
            g.writeStringField("message", message);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** Writing work that may throw IOException. */
    @FunctionalInterface
    public interface JsonWork {
        void write(JsonGenerator g) throws IOException;
    }
}
