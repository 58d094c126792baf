package dev.sluice.flow.internal.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.flow.internal.files.WhereMatch;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A tie-safe watermark: the highest watermark value consumed and the ids of the rows consumed at exactly that
 * value. The next read asks for {@code watermark >= value} ordered by (watermark, id) and skips the ids already
 * seen, so rows sharing a timestamp are neither lost nor repeated. Not thread-safe.
 */
public final class WatermarkCursor implements Cursor {
    private final String column;
    private final List<String> idColumns;
    private String value;
    private final Set<String> seen;

    public WatermarkCursor(String column, List<String> idColumns, String value, Set<String> seen) {
        this.column = column;
        this.idColumns = List.copyOf(idColumns);
        this.value = value;
        this.seen = new LinkedHashSet<>(seen);
    }

    public static WatermarkCursor from(String column, List<String> idColumns, ObjectNode state) {
        Set<String> seen = new LinkedHashSet<>();
        String value = null;
        if (state != null && "watermark".equals(state.path("mode").asText())) {
            value = state.path("value").isNull() ? null : state.path("value").asText(null);
            state.path("seen").forEach(n -> seen.add(n.asText()));
        }
        return new WatermarkCursor(column, idColumns, value, seen);
    }

    /** The lowest watermark value to read from (inclusive), or null for everything. */
    public String value() {
        return value;
    }

    /** Whether a record read from {@code >= value} was already consumed. */
    public boolean consumed(Map<String, Object> record) {
        Object wm = record.get(column);
        return value != null && wm != null && text(wm).equals(value) && seen.contains(id(record));
    }

    @Override
    public void advance(Map<String, Object> record) {
        Object wm = record.get(column);
        if (wm == null) {
            return;
        }
        String t = text(wm);
        if (value == null || WhereMatch.compare(wm, value) > 0 && !t.equals(value)) {
            value = t;
            seen.clear();
        }
        if (t.equals(value)) {
            seen.add(id(record));
        }
    }

    private String id(Map<String, Object> record) {
        StringBuilder b = new StringBuilder();
        for (String c : idColumns) {
            b.append(Objects.toString(record.get(c))).append('\u001f');
        }
        return b.toString();
    }

    private static String text(Object v) {
        return v instanceof java.math.BigDecimal d ? d.stripTrailingZeros().toPlainString() : v.toString();
    }

    @Override
    public ObjectNode state() {
        ObjectNode n = Json.object();
        n.put("mode", "watermark");
        n.put("column", column);
        n.put("value", value);
        ArrayNode a = n.putArray("seen");
        seen.forEach(a::add);
        return n;
    }

    @Override
    public Cursor copy() {
        return new WatermarkCursor(column, idColumns, value, seen);
    }
}
