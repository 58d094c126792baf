package dev.sluice.dataverse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Compares values about to be written with a row as stored, column by column, the way Dataverse keeps
 * them: numbers by value (money and decimals at the stored precision), dates as instants to the second,
 * GUIDs and lookups by id, text exactly. A lookup bound by alternate key cannot be compared without
 * another request, and neither can a column this client cannot name: such a value is "unknown", and the
 * caller says whether unknown counts as different. Stateless.
 */
final class StoredValues {
    private static final String BIND = "@odata.bind";

    private StoredValues() {}

    /** The wire names to select to compare these records (the primary id included). */
    static Set<String> select(TableMetadata m, Collection<? extends Map<String, ?>> records) {
        Set<String> out = new LinkedHashSet<>();
        out.add(m.primaryIdAttribute());
        for (Map<String, ?> r : records) {
            for (String name : r.keySet()) {
                ColumnMetadata c = column(m, name);
                if (c != null) {
                    out.add(c.wireName());
                }
            }
        }
        return out;
    }

    /**
     * The first column of {@code sent} whose stored value differs, or null when none does. Columns in
     * {@code skip} (logical names) are not compared; an unknown comparison counts as a difference when
     * {@code unknownDiffers}.
     */
    static String difference(TableMetadata m, Map<String, ?> sent, Row stored, Set<String> skip,
            boolean unknownDiffers) {
        for (Map.Entry<String, ?> e : sent.entrySet()) {
            ColumnMetadata c = column(m, e.getKey());
            if (c != null && skip.contains(c.logicalName())) {
                continue;
            }
            Boolean same = c == null || !stored.has(c.wireName()) && e.getValue() != null ? null
                    : same(c, e.getValue(), stored.get(c.wireName()));
            if (same == null ? unknownDiffers : !same) {
                return c == null ? e.getKey() : c.logicalName();
            }
        }
        return null;
    }

    /** The column a write name refers to: logical name, wire name, or a lookup's navigation property. */
    static ColumnMetadata column(TableMetadata m, String writeName) {
        String name = writeName.endsWith(BIND) ? writeName.substring(0, writeName.length() - BIND.length())
                : writeName;
        ColumnMetadata c = m.column(name).orElse(null);
        if (c != null) {
            return c;
        }
        for (ColumnMetadata l : m.columns()) {
            if (l.navigations().containsValue(name)) {
                return l;
            }
        }
        return null;
    }

    /** Whether the stored value is the one sent; null when that cannot be told. */
    static Boolean same(ColumnMetadata c, Object sent, Object stored) {
        if (sent == null || stored == null) {
            return sent == null && stored == null;
        }
        if (c.type().isLookup()) {
            UUID id = sent instanceof Lookup l ? l.key().id() : sent instanceof UUID u ? u : null;
            return id == null ? null : id.toString().equalsIgnoreCase(stored.toString());
        }
        try {
            return switch (c.type()) {
                case INTEGER, BIGINT, PICKLIST, STATE, STATUS, DOUBLE -> number(sent).compareTo(number(stored)) == 0;
                case DECIMAL, MONEY -> {
                    BigDecimal s = number(sent);
                    BigDecimal st = number(stored);
                    yield (s.scale() > st.scale() ? s.setScale(st.scale(), RoundingMode.HALF_UP) : s).compareTo(st) == 0;
                }
                case BOOLEAN -> bool(sent).equals(bool(stored));
                case DATETIME -> instant(sent).equals(instant(stored));
                case UNIQUEIDENTIFIER -> sent.toString().equalsIgnoreCase(stored.toString());
                case STRING, MEMO, ENTITY_NAME -> sent.toString().equals(stored.toString());
                default -> null;
            };
        } catch (RuntimeException notComparable) {
            return null;
        }
    }

    private static BigDecimal number(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double || v instanceof Float) {
            return BigDecimal.valueOf(((Number) v).doubleValue());
        }
        return new BigDecimal(v.toString().trim());
    }

    private static Boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.intValue() != 0;
        }
        return Boolean.valueOf(v.toString().trim());
    }

    private static Instant instant(Object v) {
        Instant i;
        if (v instanceof Instant x) {
            i = x;
        } else if (v instanceof OffsetDateTime o) {
            i = o.toInstant();
        } else if (v instanceof LocalDate d) {
            i = d.atStartOfDay(ZoneOffset.UTC).toInstant();
        } else {
            String s = v.toString().trim();
            try {
                i = OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                i = LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        }
        return i.truncatedTo(ChronoUnit.SECONDS);
    }
}
