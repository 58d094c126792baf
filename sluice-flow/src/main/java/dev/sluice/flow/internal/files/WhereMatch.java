package dev.sluice.flow.internal.files;

import dev.sluice.core.Where;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Tests a record against a {@link Where} in memory, comparing numbers as numbers and times as times. Stateless. */
public final class WhereMatch {
    private WhereMatch() {}

    public static boolean test(Where w, Map<String, Object> r) {
        if (w == null) {
            return true;
        }
        if (w instanceof Where.Compare c) {
            Object v = r.get(c.column());
            return switch (c.op()) {
                case CONTAINS -> v != null && v.toString().contains(String.valueOf(c.value()));
                case STARTS_WITH -> v != null && v.toString().startsWith(String.valueOf(c.value()));
                case ENDS_WITH -> v != null && v.toString().endsWith(String.valueOf(c.value()));
                case EQ -> compare(v, c.value()) == 0;
                case NE -> compare(v, c.value()) != 0;
                case GT -> v != null && compare(v, c.value()) > 0;
                case GE -> v != null && compare(v, c.value()) >= 0;
                case LT -> v != null && compare(v, c.value()) < 0;
                case LE -> v != null && compare(v, c.value()) <= 0;
            };
        }
        if (w instanceof Where.IsNull n) {
            Object v = r.get(n.column());
            boolean isNull = v == null || "".equals(v);
            return n.negated() != isNull;
        }
        if (w instanceof Where.In in) {
            Object v = r.get(in.column());
            return in.values().stream().anyMatch(x -> compare(v, x) == 0);
        }
        if (w instanceof Where.And a) {
            return a.parts().stream().allMatch(p -> test(p, r));
        }
        if (w instanceof Where.Or o) {
            return o.parts().stream().anyMatch(p -> test(p, r));
        }
        return !test(((Where.Not) w).part(), r);
    }

    /** Orders two values: numbers numerically, times chronologically, anything else as text; null first. */
    public static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        if (a instanceof Instant || b instanceof Instant) {
            try {
                return instant(a).compareTo(instant(b));
            } catch (RuntimeException e) {
                return a.toString().compareTo(b.toString());
            }
        }
        return Objects.toString(a).compareTo(Objects.toString(b));
    }

    private static Instant instant(Object v) {
        return v instanceof Instant i ? i : Instant.parse(v.toString());
    }

    private static BigDecimal number(Object v) {
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (v instanceof String s && s.matches("-?\\d+(\\.\\d+)?")) {
            return new BigDecimal(s);
        }
        return null;
    }
}
