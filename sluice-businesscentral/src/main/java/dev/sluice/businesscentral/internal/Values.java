package dev.sluice.businesscentral.internal;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Converts between the record provider's Java values (String, Long, BigDecimal, Boolean, Instant, UUID) and Business
 * Central's JSON values, by column kind. Stateless.
 */
public final class Values {
    private Values() {}

    /** A value as read, in the column's Java type. */
    public static Object read(ColumnSchema c, Object v) {
        if (v == null) {
            return null;
        }
        return switch (c.kind()) {
            case GUID -> UUID.fromString(v.toString());
            case DECIMAL -> v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
            case INTEGER -> v instanceof Number n ? n.longValue() : Long.parseLong(v.toString());
            case BOOLEAN -> v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString());
            case DATETIME -> OffsetDateTime.parse(v.toString()).toInstant();
            default -> v.toString();
        };
    }

    /**
     * A value to write, in the column's Java type, from what a record holds (also text from a CSV file); an
     * INVALID_INPUT error naming the column when it does not convert. Business Central has no null: a null is the
     * column's blank value (empty text, 0, false, the empty GUID, 0001-01-01).
     */
    public static Object write(String table, ColumnSchema c, Object v) {
        if (v == null) {
            return blank(c.kind());
        }
        try {
            return switch (c.kind()) {
                case GUID -> v instanceof UUID ? v : UUID.fromString(v.toString().trim());
                case DECIMAL -> v instanceof BigDecimal ? v : new BigDecimal(v.toString().trim());
                case INTEGER -> v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().trim());
                case BOOLEAN -> v instanceof Boolean ? v : bool(v.toString());
                case DATETIME -> v instanceof Instant ? v : OffsetDateTime.parse(v.toString().trim()).toInstant();
                default -> v.toString();
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "column '" + c.name() + "' of " + table + " takes "
                    + describe(c.kind()) + ", not '" + shorten(v.toString()) + "'", e);
        }
    }

    /** Whether a value to write equals what Business Central holds (decimals by value). */
    public static boolean same(ColumnSchema c, Object wanted, Object existing) {
        Object a = wanted;
        Object b = read(c, existing);
        if (a == null || b == null) {
            return a == b || (a == null && "".equals(b)) || (b == null && "".equals(a));
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return a.equals(b);
    }

    /** Business Central's value for "nothing" of each kind. */
    static Object blank(ColumnKind kind) {
        return switch (kind) {
            case GUID -> new UUID(0, 0);
            case DECIMAL -> BigDecimal.ZERO;
            case INTEGER -> 0L;
            case BOOLEAN -> Boolean.FALSE;
            case DATETIME -> Instant.parse("0001-01-01T00:00:00Z");
            case OTHER -> "0001-01-01";
            default -> "";
        };
    }

    private static Boolean bool(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return Boolean.valueOf(t);
        }
        throw new IllegalArgumentException(s);
    }

    private static String describe(ColumnKind kind) {
        return switch (kind) {
            case GUID -> "a GUID";
            case DECIMAL -> "a decimal number";
            case INTEGER -> "a whole number";
            case BOOLEAN -> "true or false";
            case DATETIME -> "a date and time such as 2024-05-01T08:00:00Z";
            default -> "text";
        };
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
