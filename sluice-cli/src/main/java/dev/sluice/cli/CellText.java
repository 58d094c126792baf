package dev.sluice.cli;

import dev.sluice.dataverse.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Row values as text (tables, CSV) and as plain JSON-ready values. Stateless. */
final class CellText {
    private CellText() {}

    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(v instanceof Row r ? plain(r) : v);
    }

    /** A row's values as maps and lists (expanded rows included), for Jackson. */
    static Map<String, Object> plain(Row row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.values().forEach((k, v) -> out.put(k, plainValue(v)));
        return out;
    }

    static Object plainValue(Object v) {
        if (v instanceof Row r) {
            return plain(r);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(x -> out.add(plainValue(x)));
            return out;
        }
        return v;
    }

    /** The columns a sink shows: the given ones, else the first row's. */
    static List<String> columns(List<String> given, Row first) {
        return given.isEmpty() ? List.copyOf(first.values().keySet()) : given;
    }
}
