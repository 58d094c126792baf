package dev.sluice.emulator.internal.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.internal.data.KeyResolver;
import dev.sluice.emulator.internal.data.ValueCodec;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** How the key in a URL meets the body of an upsert (fact sheet §B.5). Stateless. */
final class KeyBodies {
    private KeyBodies() {}

    /**
     * The body of a create by key: the key's values added where the body has none (body values win; lookup key
     * columns are set after the create), and the primary id when the key is one.
     */
    static ObjectNode withKey(TableDef table, KeyResolver.ResolvedKey key, ObjectNode body) {
        ObjectNode merged = body.deepCopy();
        for (Map.Entry<String, Object> e : key.values().entrySet()) {
            ColumnDef col = table.column(e.getKey());
            if (col.type().isLookup() || merged.has(e.getKey())) {
                continue; // body values win (fact sheet §B.5)
            }
            merged.set(e.getKey(), toJson(e.getValue()));
        }
        if (!key.byAlternateKey()) {
            merged.put(table.primaryIdAttribute(), key.id().toString());
        }
        return merged;
    }

    /** On update by alternate key, key columns in the body are ignored: the addressed key cannot change. */
    static ObjectNode withoutKey(KeyResolver.ResolvedKey key, ObjectNode body) {
        if (!key.byAlternateKey()) {
            return body;
        }
        ObjectNode copy = body.deepCopy();
        key.values().keySet().forEach(copy::remove);
        return copy;
    }

    private static JsonNode toJson(Object v) {
        ObjectNode holder = Json.object();
        if (v instanceof String s) {
            holder.put("v", s);
        } else if (v instanceof Integer i) {
            holder.put("v", i);
        } else if (v instanceof Long l) {
            holder.put("v", l);
        } else if (v instanceof BigDecimal d) {
            holder.put("v", d);
        } else if (v instanceof Double d) {
            holder.put("v", d);
        } else if (v instanceof Boolean b) {
            holder.put("v", b);
        } else if (v instanceof Instant t) {
            holder.put("v", ValueCodec.formatDateTime(t));
        } else {
            holder.put("v", String.valueOf(v));
        }
        return holder.get("v");
    }
}
