package dev.sluice.emulator.internal.fetch;

import dev.sluice.emulator.internal.data.LookupValue;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.query.Values;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.ColumnType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Compiles one FetchXML {@code condition} into a test (fetchxml/reference/operators). Comparisons follow SQL Server:
 * strings compare case-insensitively, and a null column value satisfies only {@code null} (and the negative set
 * operators never match it either). Dates relative to now use the emulator's clock in UTC, whole UTC days for the
 * day-based operators. Stateless.
 */
final class Conditions {
    /** Operators that take no value. */
    private static final Set<String> NO_VALUE = Set.of("null", "not-null", "today", "yesterday", "tomorrow",
            "last-seven-days", "next-seven-days", "eq-userid", "ne-userid", "this-year", "last-year", "next-year",
            "this-month", "last-month", "next-month");

    private Conditions() {}

    /**
     * The test of {@code c} on column {@code col} (position {@code index}) of node {@code node}; {@code other} is
     * the node and position of a {@code valueof} column, or null.
     */
    static FrameTest compile(FetchModel.Condition c, int node, int index, ColumnDef col, int[] other, Clock clock,
            UUID caller) {
        String op = c.operator();
        if (c.valueOf() != null) {
            return columnToColumn(c, node, index, other);
        }
        if (NO_VALUE.contains(op)) {
            return noValue(op, node, index, col, clock, caller, c);
        }
        List<String> raw = new ArrayList<>(c.values());
        if (c.value() != null) {
            raw.add(0, c.value());
        }
        if (raw.isEmpty()) {
            throw FetchErrors.bad("0x80041106", "Incorrect filter condition or conditions: <condition attribute='"
                    + c.attribute() + "' operator='" + op + "'> needs a value.");
        }
        return switch (op) {
            case "eq", "ne", "neq", "lt", "le", "gt", "ge" -> compare(op, node, index, typed(col, raw.get(0), c));
            case "like", "not-like", "begins-with", "not-begin-with", "ends-with", "not-end-with" ->
                    like(op, node, index, raw.get(0));
            case "in", "not-in" -> in(op.equals("in"), node, index, typedAll(col, raw, c));
            case "between", "not-between" -> between(op.equals("between"), node, index, col, raw, c);
            case "on", "on-or-after", "on-or-before" -> onDate(op, node, index, col, raw.get(0), c);
            case "last-x-days", "next-x-days", "last-x-hours", "next-x-hours", "last-x-weeks", "next-x-weeks",
                    "last-x-months", "next-x-months", "last-x-years", "next-x-years", "olderthan-x-days",
                    "olderthan-x-hours", "olderthan-x-minutes", "olderthan-x-weeks", "olderthan-x-months",
                    "olderthan-x-years" -> relative(op, node, index, col, raw.get(0), clock, c);
            default -> throw unsupported(c);
        };
    }

    private static FrameTest compare(String op, int node, int index, Object value) {
        return f -> {
            Object v = value(f, node, index);
            if (v == null) {
                return false;
            }
            return holds(op, v, value);
        };
    }

    /** Whether {@code a op b} holds, {@code op} one of eq, ne (neq), lt, le, gt, ge; eq and ne as Values.equal. */
    private static boolean holds(String op, Object a, Object b) {
        int cmp = op.equals("eq") || op.equals("ne") || op.equals("neq") ? (Values.equal(a, b) ? 0 : 1)
                : Values.compare(a, b);
        return switch (op) {
            case "eq" -> cmp == 0;
            case "ne", "neq" -> cmp != 0;
            case "lt" -> cmp < 0;
            case "le" -> cmp <= 0;
            case "gt" -> cmp > 0;
            default -> cmp >= 0;
        };
    }

    private static FrameTest like(String op, int node, int index, String pattern) {
        SqlLike like = switch (op) {
            case "begins-with", "not-begin-with" -> new SqlLike(pattern + "%");
            case "ends-with", "not-end-with" -> new SqlLike("%" + pattern);
            default -> new SqlLike(pattern);
        };
        boolean negated = op.startsWith("not-");
        return f -> {
            Object v = value(f, node, index);
            if (v == null) {
                return false;
            }
            return like.matches(v.toString()) != negated;
        };
    }

    private static FrameTest in(boolean in, int node, int index, List<Object> set) {
        return f -> {
            Object v = value(f, node, index);
            if (v == null) {
                return false;
            }
            return Values.in(v, set) == in;
        };
    }

    private static FrameTest between(boolean between, int node, int index, ColumnDef col, List<String> raw,
            FetchModel.Condition c) {
        if (raw.size() != 2) {
            throw FetchErrors.bad("0x80041106", "Incorrect filter condition or conditions: <condition attribute='"
                    + c.attribute() + "' operator='" + c.operator() + "'> needs two <value> elements, got "
                    + raw.size() + ".");
        }
        Object low = typed(col, raw.get(0), c);
        Object high = typed(col, raw.get(1), c);
        return f -> {
            Object v = value(f, node, index);
            if (v == null) {
                return false;
            }
            boolean inside = Values.compare(v, low) >= 0 && Values.compare(v, high) <= 0;
            return inside == between;
        };
    }

    private static FrameTest onDate(String op, int node, int index, ColumnDef col, String raw,
            FetchModel.Condition c) {
        requireDate(col, c);
        LocalDate d = LocalDate.ofInstant((Instant) typed(col, raw, c), ZoneOffset.UTC);
        Instant from = day(d);
        Instant to = day(d.plusDays(1));
        return switch (op) {
            case "on" -> range(node, index, from, to);
            case "on-or-after" -> range(node, index, from, Instant.MAX);
            default -> range(node, index, Instant.MIN, to);
        };
    }

    private static FrameTest relative(String op, int node, int index, ColumnDef col, String raw, Clock clock,
            FetchModel.Condition c) {
        requireDate(col, c);
        long x;
        try {
            x = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            // not a number: -1 is refused below with the service's own message
            x = -1;
        }
        if (x < 0) {
            throw FetchErrors.bad(FetchErrors.INVALID_VALUE, "Invalid value specified for type. <condition attribute='"
                    + c.attribute() + "' operator='" + op + "'> needs a whole number, got '" + raw + "'.");
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return switch (op) {
            case "last-x-days" -> rangeInclusive(node, index, day(today.minusDays(x)), now);
            case "next-x-days" -> range(node, index, now, day(today.plusDays(x + 1)));
            case "last-x-hours" -> rangeInclusive(node, index, now.minus(Duration.ofHours(x)), now);
            case "next-x-hours" -> rangeInclusive(node, index, now, now.plus(Duration.ofHours(x)));
            case "last-x-weeks" -> rangeInclusive(node, index, day(today.minusWeeks(x)), now);
            case "next-x-weeks" -> range(node, index, now, day(today.plusWeeks(x).plusDays(1)));
            case "last-x-months" -> rangeInclusive(node, index, day(today.minusMonths(x)), now);
            case "next-x-months" -> range(node, index, now, day(today.plusMonths(x).plusDays(1)));
            case "last-x-years" -> rangeInclusive(node, index, day(today.minusYears(x)), now);
            case "next-x-years" -> range(node, index, now, day(today.plusYears(x).plusDays(1)));
            case "olderthan-x-minutes" -> range(node, index, Instant.MIN, now.minus(Duration.ofMinutes(x)));
            case "olderthan-x-hours" -> range(node, index, Instant.MIN, now.minus(Duration.ofHours(x)));
            case "olderthan-x-days" -> range(node, index, Instant.MIN, day(today.minusDays(x)));
            case "olderthan-x-weeks" -> range(node, index, Instant.MIN, day(today.minusWeeks(x)));
            case "olderthan-x-months" -> range(node, index, Instant.MIN, day(today.minusMonths(x)));
            default -> range(node, index, Instant.MIN, day(today.minusYears(x)));
        };
    }

    private static FrameTest noValue(String op, int node, int index, ColumnDef col, Clock clock, UUID caller,
            FetchModel.Condition c) {
        switch (op) {
            case "null":
                return f -> value(f, node, index) == null;
            case "not-null":
                return f -> value(f, node, index) != null;
            case "eq-userid":
                return f -> caller != null && caller.equals(value(f, node, index));
            case "ne-userid":
                return f -> value(f, node, index) != null && !value(f, node, index).equals(caller);
            default:
                break;
        }
        requireDate(col, c);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate month = today.withDayOfMonth(1);
        LocalDate year = today.withDayOfYear(1);
        return switch (op) {
            case "today" -> range(node, index, day(today), day(today.plusDays(1)));
            case "yesterday" -> range(node, index, day(today.minusDays(1)), day(today));
            case "tomorrow" -> range(node, index, day(today.plusDays(1)), day(today.plusDays(2)));
            case "last-seven-days" -> rangeInclusive(node, index, day(today.minusDays(7)), now);
            case "next-seven-days" -> range(node, index, now, day(today.plusDays(8)));
            case "this-month" -> range(node, index, day(month), day(month.plusMonths(1)));
            case "last-month" -> range(node, index, day(month.minusMonths(1)), day(month));
            case "next-month" -> range(node, index, day(month.plusMonths(1)), day(month.plusMonths(2)));
            case "this-year" -> range(node, index, day(year), day(year.plusYears(1)));
            case "last-year" -> range(node, index, day(year.minusYears(1)), day(year));
            default -> range(node, index, day(year.plusYears(1)), day(year.plusYears(2)));
        };
    }

    private static FrameTest columnToColumn(FetchModel.Condition c, int node, int index, int[] other) {
        String op = c.operator();
        if (!Set.of("eq", "ne", "neq", "lt", "le", "gt", "ge").contains(op)) {
            throw FetchErrors.bad(FetchErrors.INVALID_OPERATOR, "Unsupported condition operator. <condition attribute='"
                    + c.attribute() + "' valueof='" + c.valueOf() + "'> compares columns only with eq, ne, lt, le, gt "
                    + "and ge, not '" + op + "'.");
        }
        return f -> {
            Object a = value(f, node, index);
            Object b = value(f, other[0], other[1]);
            if (a == null || b == null) {
                return false;
            }
            return holds(op, a, b);
        };
    }

    private static FrameTest range(int node, int index, Instant from, Instant to) {
        return f -> value(f, node, index) instanceof Instant v && !v.isBefore(from) && v.isBefore(to);
    }

    private static FrameTest rangeInclusive(int node, int index, Instant from, Instant to) {
        return f -> value(f, node, index) instanceof Instant v && !v.isBefore(from) && !v.isAfter(to);
    }

    private static void requireDate(ColumnDef col, FetchModel.Condition c) {
        if (col.type() != ColumnType.DATETIME) {
            throw FetchErrors.bad(FetchErrors.INVALID_OPERATOR, "Unsupported condition operator. <condition attribute='"
                    + c.attribute() + "' operator='" + c.operator() + "'> needs a date and time column; '"
                    + col.name() + "' is " + col.type().attributeTypeCode() + ".");
        }
    }

    private static RuntimeException unsupported(FetchModel.Condition c) {
        return FetchErrors.bad(FetchErrors.INVALID_OPERATOR, "Unsupported condition operator. <condition attribute='"
                + c.attribute() + "' operator='" + c.operator() + "'> uses an operator the Sluice emulator does not "
                + "know.");
    }

    /** The comparable value of a node's column in a joined row (null when the node has no row). */
    static Object value(Row[] f, int node, int index) {
        Row r = f[node];
        return r == null ? null : Values.normalize(r.get(index));
    }

    private static Instant day(LocalDate d) {
        return d.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static List<Object> typedAll(ColumnDef col, List<String> raw, FetchModel.Condition c) {
        List<Object> out = new ArrayList<>(raw.size());
        raw.forEach(s -> out.add(typed(col, s, c)));
        return out;
    }

    /** A condition value in the column's type; a value that does not fit is QueryBuilderInvalid_Value. */
    static Object typed(ColumnDef col, String s, FetchModel.Condition c) {
        try {
            return parse(col, s);
        } catch (RuntimeException e) {
            throw FetchErrors.bad(FetchErrors.INVALID_VALUE, "Invalid value specified for type. <condition attribute='"
                    + c.attribute() + "' operator='" + c.operator() + "'>: '" + FetchParser.abbreviate(s)
                    + "' is not a valid " + col.type().attributeTypeCode() + " value.");
        }
    }

    /** Parses a FetchXML value for a column; throws on a value that does not fit. */
    static Object parse(ColumnDef col, String s) {
        String t = s.trim();
        return switch (col.type()) {
            case STRING, MEMO -> s;
            case INTEGER, PICKLIST, STATE, STATUS -> Integer.parseInt(t);
            case BIGINT -> Long.parseLong(t);
            case DECIMAL, MONEY -> new BigDecimal(t);
            case DOUBLE -> Double.parseDouble(t);
            case BOOLEAN -> switch (t.toLowerCase(Locale.ROOT)) {
                case "1", "true" -> Boolean.TRUE;
                case "0", "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException(t);
            };
            case DATETIME -> instant(t);
            case UNIQUEIDENTIFIER, LOOKUP, CUSTOMER, OWNER -> guid(t);
        };
    }

    static UUID guid(String t) {
        String g = t.startsWith("{") && t.endsWith("}") ? t.substring(1, t.length() - 1) : t;
        if (g.length() != 36) {
            throw new IllegalArgumentException(t);
        }
        return UUID.fromString(g);
    }

    /** ISO dates and date-times as FetchXML writes them; a time without offset is UTC (the emulator's zone). */
    static Instant instant(String t) {
        if (t.length() == 10) {
            return day(LocalDate.parse(t));
        }
        String iso = t.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (RuntimeException e) {
            // no offset: the value is in UTC (text that is neither throws the parse error the caller reports)
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        }
    }

    /** The id a lookup or GUID value joins on. */
    static Object joinKey(Object v) {
        if (v instanceof LookupValue l) {
            return l.id();
        }
        return v instanceof String s ? s.toLowerCase(Locale.ROOT) : v instanceof Number n ? Values.decimal(n)
                .stripTrailingZeros() : v;
    }
}
