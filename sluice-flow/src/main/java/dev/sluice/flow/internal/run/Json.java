package dev.sluice.flow.internal.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON for checkpoints and dead letters: records with times and ids as text. Thread-safe. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(JsonNode n) {
        return n.toString();
    }

    public static ObjectNode parse(String s) {
        try {
            return (ObjectNode) MAPPER.readTree(s);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new SluiceException(ErrorKind.INTERNAL, "a saved flow state is not valid JSON; reset the flow's "
                    + "checkpoint", e);
        }
    }

    /** A JSON array. */
    public static com.fasterxml.jackson.databind.node.ArrayNode parseArray(String s) {
        try {
            return (com.fasterxml.jackson.databind.node.ArrayNode) MAPPER.readTree(s);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new SluiceException(ErrorKind.INTERNAL, "saved flow keys are not valid JSON; reset the flow's "
                    + "checkpoint", e);
        }
    }

    /** A record as JSON; values other than numbers, booleans and null become text. */
    public static String record(Map<String, Object> r) {
        ObjectNode n = object();
        r.forEach((k, v) -> {
            if (v == null) {
                n.putNull(k);
            } else if (v instanceof BigDecimal d) {
                n.put(k, d);
            } else if (v instanceof Long || v instanceof Integer) {
                n.put(k, ((Number) v).longValue());
            } else if (v instanceof Double d) {
                n.put(k, d);
            } else if (v instanceof Boolean b) {
                n.put(k, b);
            } else {
                n.put(k, v.toString());
            }
        });
        return n.toString();
    }

    /** A record read back from {@link #record}: text, Long, BigDecimal, Boolean or null. */
    public static Map<String, Object> readRecord(String s) {
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = parse(s).fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            out.put(e.getKey(), v.isNull() ? null : v.isIntegralNumber() ? (Object) v.longValue()
                    : v.isNumber() ? v.decimalValue() : v.isBoolean() ? (Object) v.booleanValue() : v.asText());
        }
        return out;
    }
}
