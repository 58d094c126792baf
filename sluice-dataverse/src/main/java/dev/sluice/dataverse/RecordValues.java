package dev.sluice.dataverse;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Converts between the record provider's values and the Web API's, by column metadata: rows read
 * become maps of Java types (Integer, Long, BigDecimal, Double, Boolean, Instant, UUID, String;
 * lookups as their {@code _x_value} UUID); records to write become Web API values, lookups given as
 * a UUID becoming {@code @odata.bind} through the lookup's navigation property. Stateless.
 */
final class RecordValues {
    private RecordValues() {}

    static ColumnKind kind(AttributeType type) {
        return switch (type) {
            case STRING, MEMO, ENTITY_NAME -> ColumnKind.STRING;
            case INTEGER, BIGINT -> ColumnKind.INTEGER;
            case DECIMAL, MONEY -> ColumnKind.DECIMAL;
            case DOUBLE -> ColumnKind.DOUBLE;
            case BOOLEAN -> ColumnKind.BOOLEAN;
            case DATETIME -> ColumnKind.DATETIME;
            case UNIQUEIDENTIFIER -> ColumnKind.GUID;
            case PICKLIST, STATE, STATUS -> ColumnKind.CHOICE;
            case LOOKUP, CUSTOMER, OWNER -> ColumnKind.LOOKUP;
            default -> ColumnKind.OTHER;
        };
    }

    /** A row as a record: values by wire name, converted to the column's Java type. */
    static Map<String, Object> record(Row row, TableMetadata table) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.values().forEach((name, v) -> out.put(name, table.column(name).map(c -> read(c, v)).orElse(v)));
        return out;
    }

    /** As above with the table's columns looked up once per query ({@link #byWireName}), not once per value. */
    static Map<String, Object> record(Row row, Map<String, ColumnMetadata> columns) {
        Map<String, Object> out = new LinkedHashMap<>(Math.max(16, row.values().size() * 2));
        row.values().forEach((name, v) -> {
            ColumnMetadata c = columns.get(name);
            out.put(name, c == null ? v : read(c, v));
        });
        return out;
    }

    /** The table's columns by the names rows carry (lookups as {@code _x_value}). */
    static Map<String, ColumnMetadata> byWireName(TableMetadata table) {
        Map<String, ColumnMetadata> out = new java.util.HashMap<>();
        for (ColumnMetadata c : table.columns()) {
            out.putIfAbsent(c.wireName(), c);
            out.putIfAbsent(c.logicalName(), c);
        }
        return out;
    }

    static Object read(ColumnMetadata c, Object v) {
        if (v == null) {
            return null;
        }
        return switch (kind(c.type())) {
            case INTEGER -> c.type() == AttributeType.BIGINT ? (Object) ((Number) v).longValue()
                    : (Object) ((Number) v).intValue();
            case CHOICE -> ((Number) v).intValue();
            case DECIMAL -> v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
            case DOUBLE -> ((Number) v).doubleValue();
            case DATETIME -> instant(v.toString());
            case GUID, LOOKUP -> UUID.fromString(v.toString());
            default -> v;
        };
    }

    private static Instant instant(String s) {
        Instant fast = utc(s);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ssZ} (how the Web API sends date-times), parsed without a formatter; null for any other
     * shape (fractions, offsets), which the formatter then reads.
     */
    static Instant utc(String s) {
        if (s.length() != 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        try {
            return java.time.LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null; // e.g. 31 April: let the formatter say what is wrong
        }
    }

    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    /** A record as Web API values; lookups by UUID bind through their navigation property. */
    static Map<String, Object> toWrite(Map<String, Object> record, TableMetadata table, DataverseClient client) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : record.entrySet()) {
            ColumnMetadata c = table.column(e.getKey()).orElse(null);
            Object v = e.getValue();
            if (c == null || !c.type().isLookup() || v instanceof Lookup) {
                out.put(c == null ? e.getKey() : c.logicalName(), v);
                continue;
            }
            if (c.navigations().size() != 1) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "column '" + e.getKey() + "' of '"
                        + table.logicalName() + "' may point to " + String.join(" or ", c.targets())
                        + "; give its value as a Lookup to say which");
            }
            Map.Entry<String, String> nav = c.navigations().entrySet().iterator().next();
            if (v == null) {
                out.put(nav.getValue() + "@odata.bind", null);
                continue;
            }
            UUID id = v instanceof UUID u ? u : UUID.fromString(v.toString());
            out.put(nav.getValue(), Lookup.to(client.table(nav.getKey()).entitySetName(), RecordKey.of(id)));
        }
        return out;
    }

    /** A filter or key value as the column's OData type: GUID text becomes a UUID, numbers stay numbers. */
    static Object literal(ColumnMetadata c, Object v) {
        if (v == null) {
            return null;
        }
        ColumnKind k = kind(c.type());
        if ((k == ColumnKind.GUID || k == ColumnKind.LOOKUP) && v instanceof String s) {
            try {
                return UUID.fromString(s);
            } catch (IllegalArgumentException e) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "column '" + c.wireName() + "': '" + s
                        + "' is not a GUID", e);
            }
        }
        if (k == ColumnKind.DATETIME && v instanceof String s) {
            try {
                return instant(s);
            } catch (DateTimeParseException e) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "column '" + c.wireName() + "': '" + s
                        + "' is not an ISO date or date-time", e);
            }
        }
        return v;
    }
}
