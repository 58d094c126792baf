package dev.sluice.flow.internal;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Converts a mapped value to the Java type of its target column's kind, with an error that names the column
 * and the value when it cannot (e.g. {@code column 'revenue': 'abc' is not a number}). Stateless.
 */
public final class ValueConverter {
    /** Text longer than this is cut in messages; values may be personal data. */
    private static final int SHOWN = 40;

    private ValueConverter() {}

    public static Object convert(Object v, ColumnSchema column) {
        if (v == null) {
            return null;
        }
        try {
            return switch (column.kind()) {
                case STRING -> v instanceof Instant || v instanceof String ? v.toString() : text(v);
                case INTEGER -> integer(v, column);
                case CHOICE -> (int) integer(v, column);
                case DECIMAL -> decimal(v, column);
                case DOUBLE -> decimal(v, column).doubleValue();
                case BOOLEAN -> bool(v, column);
                case DATETIME -> instant(v, column);
                case GUID, LOOKUP -> v instanceof UUID u ? u : UUID.fromString(v.toString().strip());
                case OTHER -> v;
            };
        } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
            throw bad(v, column, expected(column.kind()));
        }
    }

    private static String text(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    private static long integer(Object v, ColumnSchema c) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            return ((Number) v).longValue();
        }
        if (v instanceof Boolean) {
            throw bad(v, c, expected(c.kind()));
        }
        BigDecimal d = v instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(v.toString().strip());
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            throw bad(v, c, "a whole number");
        }
    }

    private static BigDecimal decimal(Object v, ColumnSchema c) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d);
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (v instanceof Boolean) {
            throw bad(v, c, expected(c.kind()));
        }
        return new BigDecimal(v.toString().strip());
    }

    private static Boolean bool(Object v, ColumnSchema c) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().strip().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw bad(v, c, expected(c.kind()));
        };
    }

    private static Instant instant(Object v, ColumnSchema c) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        String s = v.toString().strip();
        if (s.length() == 20 && s.charAt(19) == 'Z' && s.charAt(10) == 'T') {
            try {
                // the Web API's shape; LocalDateTime's parse is far cheaper than OffsetDateTime's
                return LocalDateTime.parse(s.substring(0, 19)).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // not quite that shape: the general parse below says what is wrong
            }
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        }
    }

    private static String expected(ColumnKind kind) {
        return switch (kind) {
            case INTEGER, CHOICE -> "a whole number";
            case DECIMAL, DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case DATETIME -> "an ISO date or date-time (2024-05-01 or 2024-05-01T10:00:00Z)";
            case GUID, LOOKUP -> "a GUID";
            default -> "text";
        };
    }

    private static SluiceException bad(Object v, ColumnSchema c, String expected) {
        String shown = v.toString();
        shown = shown.length() > SHOWN ? shown.substring(0, SHOWN) + "…" : shown;
        return new SluiceException(ErrorKind.INVALID_INPUT, "column '" + c.name() + "': '" + shown + "' is not "
                + expected);
    }
}
