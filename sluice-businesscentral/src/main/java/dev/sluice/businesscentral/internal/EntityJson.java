package dev.sluice.businesscentral.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.businesscentral.Entity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Entities from and bodies to Business Central's JSON. Stateless. */
public final class EntityJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EntityJson() {}

    /** An entity: properties in the order sent, {@code @odata.*} annotations left out but the etag. */
    public static Entity entity(JsonNode n) {
        Map<String, Object> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().startsWith("@")) {
                values.put(e.getKey(), value(e.getValue()));
            }
        }
        JsonNode etag = n.get("@odata.etag");
        return new Entity(values, etag == null ? null : etag.asText());
    }

    private static Object value(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isArray()) {
            List<Object> out = new ArrayList<>();
            v.forEach(x -> out.add(x.isObject() ? entity(x) : value(x)));
            return out;
        }
        if (v.isObject()) {
            return entity(v);
        }
        return v.toString();
    }

    /** A request body from Java values: UUID and Instant as text, numbers as numbers. */
    public static ObjectNode body(Map<String, Object> values) {
        ObjectNode o = NODES.objectNode();
        values.forEach((k, v) -> o.set(k, node(v)));
        return o;
    }

    private static JsonNode node(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof String s) {
            return NODES.textNode(s);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            return NODES.numberNode(((Number) v).longValue());
        }
        if (v instanceof Double || v instanceof Float) {
            return NODES.numberNode(BigDecimal.valueOf(((Number) v).doubleValue()));
        }
        if (v instanceof UUID || v instanceof Instant) {
            return NODES.textNode(v.toString());
        }
        return NODES.textNode(v.toString());
    }
}
