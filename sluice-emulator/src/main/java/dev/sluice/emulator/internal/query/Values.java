package dev.sluice.emulator.internal.query;

import dev.sluice.emulator.internal.data.LookupValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Comparison of evaluated values with Dataverse's (SQL Server's) semantics: strings compare
 * case-insensitively, numbers by value whatever their Java type, and a null equals only null and is
 * neither greater nor less than anything. Stateless.
 */
public final class Values {
    private Values() {}

    /** The comparable form of a stored value: lookups compare by id. */
    public static Object normalize(Object v) {
        return v instanceof LookupValue l ? l.id() : v;
    }

    /** Whether {@code v} equals one of {@code set} (as {@link #equal}). */
    public static boolean in(Object v, Collection<?> set) {
        for (Object s : set) {
            if (Values.equal(v, s)) {
                return true;
            }
        }
        return false;
    }

    public static boolean equal(Object a, Object b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        if (a instanceof String s && b instanceof String t) {
            return s.equalsIgnoreCase(t);
        }
        if (a instanceof Number && b instanceof Number) {
            return compare(a, b) == 0;
        }
        return a.equals(b);
    }

    /** Order of two non-null values of comparable kinds; incomparable kinds are a 400. */
    public static int compare(Object a, Object b) {
        if (a instanceof Integer x && b instanceof Integer y) {
            return Integer.compare(x, y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return decimal(x).compareTo(decimal(y));
        }
        if (a instanceof String x && b instanceof String y) {
            return String.CASE_INSENSITIVE_ORDER.compare(x, y);
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return x.compareTo(y);
        }
        if (a instanceof UUID x && b instanceof UUID y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        throw QueryErrors.bad("A binary operator with incompatible types was detected. Found operand types '"
                + a.getClass().getSimpleName() + "' and '" + b.getClass().getSimpleName() + "'.");
    }

    /** Order for {@code $orderby}: nulls first (SQL Server), then {@link #compare}. */
    public static int compareNullsFirst(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return compare(a, b);
    }

    public static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Double || n instanceof Float) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        return BigDecimal.valueOf(n.longValue());
    }

    static boolean truthy(Object v) {
        return v instanceof Boolean b && b;
    }
}
