package dev.sluice.flow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads JSON lines one line at a time, the one JSON-lines reader of Sluice (the CLI's {@code import} and
 * {@link FileRecordProvider}): blank lines are skipped; each other line should hold one JSON object. Values come
 * as text, {@link Long} (or {@link java.math.BigDecimal} past a long's range), {@link java.math.BigDecimal} for
 * fractions, {@link Boolean} and null; nested objects and arrays as maps and lists, or as their compact JSON text
 * when asked. A line that is not a JSON object is returned with its problem rather than thrown, so that the caller
 * decides (the CLI rejects the record, a flow stops). The reader decodes nothing: give it the file's UTF-8 text.
 * Not thread-safe.
 */
public final class JsonLinesReader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final BufferedReader in;
    private final boolean nestedAsText;
    private long line;

    /** One line read: its number (1-based), its text, and its record or why it has none. */
    public record Line(long number, String text, Map<String, Object> record, String problem) {
    }

    /** Reads {@code in}; nested values as JSON text when {@code nestedAsText}, else as maps and lists. */
    public JsonLinesReader(BufferedReader in, boolean nestedAsText) {
        this.in = in;
        this.nestedAsText = nestedAsText;
    }

    /** The next line that is not blank, or null at the end of the input. */
    public Line next() throws IOException {
        String text;
        do {
            text = in.readLine();
            line++;
        } while (text != null && text.isBlank());
        if (text == null) {
            return null;
        }
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new Line(line, text, null, "each line must be a JSON object");
            }
            Map<String, Object> record = new LinkedHashMap<>();
            String name;
            while ((name = p.nextFieldName()) != null) {
                record.put(name, value(p, p.nextToken()));
            }
            return new Line(line, text, record, null);
        } catch (JsonProcessingException e) {
            return new Line(line, text, null, "not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private Object value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> p.getText();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? p.getDecimalValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
            default -> nestedAsText ? JSON.readTree(p).toString() : JSON.readValue(p, Object.class);
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
