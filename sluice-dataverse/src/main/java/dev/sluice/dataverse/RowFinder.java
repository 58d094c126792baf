package dev.sluice.dataverse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the stored rows that some values of one column (the primary id, or a one-column alternate key)
 * address, with {@code Microsoft.Dynamics.CRM.In} filters kept under Dataverse's URL limit: what an
 * idempotent write reads to tell whether its rows are already there. Stateless apart from the client.
 */
final class RowFinder {
    /** Filter text per request: well under Dataverse's 32,768-character URL limit (fact sheet §C.1). */
    static final int FILTER_BUDGET = 20_000;

    private RowFinder() {}

    /**
     * The rows whose {@code column} has one of {@code values}, by {@link #normalize normalized} value;
     * selecting {@code select} (wire names).
     */
    static Map<String, Row> find(DataverseClient client, TableMetadata m, ColumnMetadata column,
            Collection<?> values, Collection<String> select) {
        Map<String, Row> out = new HashMap<>();
        List<Object> group = new ArrayList<>();
        int length = 0;
        for (Object v : values) {
            if (v == null) {
                continue;
            }
            int cost = encodedLength(String.valueOf(v)) + 9; // "…", around it: %22 %22 %2C
            if (!group.isEmpty() && length + cost > FILTER_BUDGET) {
                read(client, m, column, group, select, out);
                group = new ArrayList<>();
                length = 0;
            }
            group.add(v);
            length += cost;
        }
        if (!group.isEmpty()) {
            read(client, m, column, group, select, out);
        }
        return out;
    }

    private static void read(DataverseClient client, TableMetadata m, ColumnMetadata column, List<Object> values,
            Collection<String> select, Map<String, Row> out) {
        List<String> cols = new ArrayList<>(select);
        if (!cols.contains(column.wireName())) {
            cols.add(column.wireName());
        }
        Query q = Query.table(m.logicalName()).select(cols).where(Filter.in(column.logicalName(), values));
        for (Row r : client.query(q)) {
            out.put(normalize(r.get(column.wireName())), r);
        }
    }

    /**
     * The length of {@link Query#enc}{@code (text)}, counted without encoding: letters, digits and {@code .-*_}
     * stay, any other character becomes {@code %XX} per UTF-8 byte (a space too), a lone surrogate one {@code %3F}.
     */
    static int encodedLength(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
                    || c == '*' || c == '_') {
                n += 1;
            } else if (c < 0x80) {
                n += 3;
            } else if (c < 0x800) {
                n += 6;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 12;
                i++;
            } else {
                n += Character.isSurrogate(c) ? 3 : 9;
            }
        }
        return n;
    }

    /**
     * A key value as Dataverse compares it: text without regard to case (its default collation), numbers
     * by value, GUIDs in lower case.
     */
    static String normalize(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number) {
            return new BigDecimal(v.toString()).stripTrailingZeros().toPlainString();
        }
        if (v instanceof Lookup l && l.key().id() != null) {
            return l.key().id().toString();
        }
        return v.toString().toLowerCase(Locale.ROOT);
    }
}
