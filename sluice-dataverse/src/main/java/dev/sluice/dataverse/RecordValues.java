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
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
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
                        + "' is not a GUID");
            }
        }
        if (k == ColumnKind.DATETIME && v instanceof String s) {
            try {
                return instant(s);
            } catch (DateTimeParseException e) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "column '" + c.wireName() + "': '" + s
                        + "' is not an ISO date or date-time");
            }
        }
        return v;
    }
}
