package dev.sluice.flow.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.TableSchema;
import dev.sluice.flow.internal.ValueConverter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Target keys as the engine store keeps them for a full compare: each key a JSON array of its column values in key
 * order (numbers and booleans as JSON, everything else as text, decimals without trailing zeros), a chunk's keys one
 * JSON array. A key's fingerprint is the first 8 bytes of the SHA-256 of its JSON. Thread-safe.
 */
public final class TargetKeys {
    private final List<String> columns;
    private final List<ColumnSchema> schema;

    public TargetKeys(List<String> columns, TableSchema target) {
        this.columns = List.copyOf(columns);
        this.schema = columns.stream().map(c -> target.column(c).orElse(
                new ColumnSchema(c, dev.sluice.core.ColumnKind.OTHER, false, true, Map.of(), List.of()))).toList();
    }

    /** One key as JSON, or null when a key column has no value. */
    public ArrayNode encode(Map<String, Object> record) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (String c : columns) {
            Object v = record.get(c);
            if (v == null) {
                return null;
            }
            if (v instanceof BigDecimal d) {
                a.add(d.stripTrailingZeros().toPlainString());
            } else if (v instanceof Long || v instanceof Integer) {
                a.add(((Number) v).longValue());
            } else if (v instanceof Boolean b) {
                a.add(b);
            } else {
                a.add(v.toString());
            }
        }
        return a;
    }

    /** The keys of a chunk's JSON, as records of the target's key columns in their column types. */
    public List<Map<String, Object>> decode(String chunkJson) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode key : Json.parseArray(chunkJson)) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                JsonNode v = key.get(i);
                Object raw = v.isIntegralNumber() ? (Object) v.longValue() : v.isBoolean() ? (Object) v.booleanValue()
                        : v.asText();
                r.put(columns.get(i), ValueConverter.convert(raw, schema.get(i)));
            }
            out.add(r);
        }
        return out;
    }

    /** One key's JSON ({@link #encode}'s text) as a record of the target's key columns in their column types. */
    public Map<String, Object> decodeOne(String keyJson) {
        return decode("[" + keyJson + "]").get(0);
    }

    /** The fingerprint of every key of a chunk's JSON. */
    public static long[] fingerprints(String chunkJson) {
        ArrayNode all = Json.parseArray(chunkJson);
        long[] out = new long[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fingerprint(all.get(i).toString());
        }
        return out;
    }

    /** The fingerprint of one key's JSON text. */
    public static long fingerprint(String keyJson) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(keyJson.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(h, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** What identifies these keys: the target table and its key columns (a changed key makes old keys useless). */
    public static String signature(String table, List<String> columns) {
        return table + "|" + String.join(",", columns);
    }
}
