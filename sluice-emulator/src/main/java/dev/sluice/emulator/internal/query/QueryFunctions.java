package dev.sluice.emulator.internal.query;

import dev.sluice.emulator.internal.data.ValueCodec;
import dev.sluice.emulator.internal.odata.QueryFunction;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.ColumnType;
import dev.sluice.emulator.internal.schema.TableDef;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Compiles a Dataverse query function call ({@code Microsoft.Dynamics.CRM.In}, {@code LastXDays}, …)
 * into an operand (fact sheet §C.3). Dates relative to "now" use the emulator's clock, in UTC (the
 * emulator has no user time zone); day-based functions work on whole UTC days. Null column values
 * match none of them. Stateless.
 */
final class QueryFunctions {
    private QueryFunctions() {}

    static Operand compile(QueryScope scope, FunctionCall call, TableDef table, int slot) {
        ColumnDef col = table.column(call.propertyName());
        if (col == null) {
            col = table.columnByWireName(call.propertyName());
        }
        if (col == null) {
            throw QueryErrors.unknownProperty(table, call.propertyName());
        }
        int idx = table.indexOf(col.name());
        Operand value = f -> Values.normalize(f[slot].get(idx));
        QueryFunction fn = call.function();
        Operand op = switch (fn) {
            case IN, NOT_IN -> {
                List<Object> set = typed(col, call.values());
                boolean in = fn == QueryFunction.IN;
                yield f -> {
                    Object v = value.eval(f);
                    if (v == null) {
                        return false;
                    }
                    return Values.in(v, set) == in;
                };
            }
            case BETWEEN, NOT_BETWEEN -> {
                List<Object> range = typed(col, call.values());
                boolean between = fn == QueryFunction.BETWEEN;
                yield f -> {
                    Object v = value.eval(f);
                    if (v == null) {
                        return false;
                    }
                    boolean inside = Values.compare(v, range.get(0)) >= 0 && Values.compare(v, range.get(1)) <= 0;
                    return inside == between;
                };
            }
            case EQUAL_USER_ID -> f -> scope.callerId() != null && scope.callerId().equals(value.eval(f));
            case NOT_EQUAL_USER_ID -> f -> value.eval(f) != null && !value.eval(f).equals(scope.callerId());
            default -> dates(scope, fn, col, call, value);
        };
        return Operand.queryFunction(op);
    }

    private static Operand dates(QueryScope scope, QueryFunction fn, ColumnDef col, FunctionCall call, Operand value) {
        if (col.type() != ColumnType.DATETIME) {
            throw QueryErrors.bad("The function 'Microsoft.Dynamics.CRM." + fn.functionName()
                    + "' needs a date and time column; '" + col.wireName() + "' is " + col.type().edmType() + ".");
        }
        Instant now = scope.clock().instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        long x = fn.argument() == QueryFunction.Argument.VALUE && !isDateArgument(fn) ? count(fn, call) : 0;
        Instant from;
        Instant to;
        switch (fn) {
            case TODAY -> { from = day(today); to = day(today.plusDays(1)); }
            case YESTERDAY -> { from = day(today.minusDays(1)); to = day(today); }
            case TOMORROW -> { from = day(today.plusDays(1)); to = day(today.plusDays(2)); }
            case LAST_7_DAYS -> { from = day(today.minusDays(7)); to = now; }
            case NEXT_7_DAYS -> { from = now; to = day(today.plusDays(8)); }
            case LAST_X_HOURS -> { from = now.minus(Duration.ofHours(x)); to = now; }
            case LAST_X_DAYS -> { from = day(today.minusDays(x)); to = now; }
            case LAST_X_WEEKS -> { from = day(today.minusWeeks(x)); to = now; }
            case LAST_X_MONTHS -> { from = day(today.minusMonths(x)); to = now; }
            case LAST_X_YEARS -> { from = day(today.minusYears(x)); to = now; }
            case NEXT_X_HOURS -> { from = now; to = now.plus(Duration.ofHours(x)); }
            case NEXT_X_DAYS -> { from = now; to = day(today.plusDays(x + 1)); }
            case NEXT_X_WEEKS -> { from = now; to = day(today.plusWeeks(x).plusDays(1)); }
            case NEXT_X_MONTHS -> { from = now; to = day(today.plusMonths(x).plusDays(1)); }
            case NEXT_X_YEARS -> { from = now; to = day(today.plusYears(x).plusDays(1)); }
            case OLDER_THAN_X_MINUTES -> { from = Instant.MIN; to = now.minus(Duration.ofMinutes(x)); }
            case OLDER_THAN_X_HOURS -> { from = Instant.MIN; to = now.minus(Duration.ofHours(x)); }
            case OLDER_THAN_X_DAYS -> { from = Instant.MIN; to = day(today.minusDays(x)); }
            case OLDER_THAN_X_WEEKS -> { from = Instant.MIN; to = day(today.minusWeeks(x)); }
            case OLDER_THAN_X_MONTHS -> { from = Instant.MIN; to = day(today.minusMonths(x)); }
            case OLDER_THAN_X_YEARS -> { from = Instant.MIN; to = day(today.minusYears(x)); }
            case ON -> { LocalDate d = date(fn, call); from = day(d); to = day(d.plusDays(1)); }
            case ON_OR_AFTER -> { from = day(date(fn, call)); to = Instant.MAX; }
            case ON_OR_BEFORE -> { from = Instant.MIN; to = day(date(fn, call).plusDays(1)); }
            default -> throw new IllegalStateException("not a date function: " + fn);
        }
        boolean inclusiveEnd = to == now;
        return f -> {
            if (!(value.eval(f) instanceof Instant v)) {
                return false;
            }
            return !v.isBefore(from) && (inclusiveEnd ? !v.isAfter(to) : v.isBefore(to));
        };
    }

    private static boolean isDateArgument(QueryFunction fn) {
        return fn == QueryFunction.ON || fn == QueryFunction.ON_OR_AFTER || fn == QueryFunction.ON_OR_BEFORE;
    }

    private static Instant day(LocalDate d) {
        return d.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static long count(QueryFunction fn, FunctionCall call) {
        try {
            long x = Long.parseLong(call.values().get(0).trim());
            if (x < 0) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw QueryErrors.bad("The PropertyValue of 'Microsoft.Dynamics.CRM." + fn.functionName()
                    + "' must be a whole number, got '" + call.values().get(0) + "'.");
        }
    }

    private static LocalDate date(QueryFunction fn, FunctionCall call) {
        try {
            return LocalDate.ofInstant(ValueCodec.parseDateTime(call.values().get(0).trim()), ZoneOffset.UTC);
        } catch (RuntimeException e) {
            throw QueryErrors.bad("The PropertyValue of 'Microsoft.Dynamics.CRM." + fn.functionName()
                    + "' must be a date such as '2024-01-31', got '" + call.values().get(0) + "'.");
        }
    }

    /** PropertyValues converted to the column's type. */
    private static List<Object> typed(ColumnDef col, List<String> raw) {
        List<Object> out = new ArrayList<>(raw.size());
        for (String s : raw) {
            out.add(s == null ? null : typed(col, s));
        }
        return out;
    }

    static Object typed(ColumnDef col, String s) {
        try {
            return switch (col.type()) {
                case STRING, MEMO -> s;
                case INTEGER, PICKLIST, STATE, STATUS -> Integer.parseInt(s.trim());
                case BIGINT -> Long.parseLong(s.trim());
                case DECIMAL, MONEY -> new BigDecimal(s.trim());
                case DOUBLE -> Double.parseDouble(s.trim());
                case BOOLEAN -> parseBoolean(s.trim());
                case DATETIME -> ValueCodec.parseDateTime(s.trim());
                case UNIQUEIDENTIFIER, LOOKUP, CUSTOMER, OWNER -> UUID.fromString(s.trim());
            };
        } catch (RuntimeException e) {
            throw QueryErrors.bad("The value '" + s + "' is not valid for the column '" + col.wireName() + "' of type "
                    + col.type().edmType() + ".");
        }
    }

    private static Boolean parseBoolean(String s) {
        return switch (s) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(s);
        };
    }
}
