package dev.sluice.flow;

import dev.cel.common.types.CelKind;
import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.TableSchema;
import dev.sluice.flow.internal.Expression;
import dev.sluice.flow.internal.ExpressionCompiler;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks one CEL expression of a flow as {@link FlowValidator} does, before the flow is whole: it compiles with the
 * source table's columns as typed variables, and its result fits the target column. For live feedback while someone
 * writes a mapping or a filter. Stateless and thread-safe.
 */
public final class CelCheck {
    private CelCheck() {}

    /**
     * What a check found. Immutable.
     *
     * @param ok whether the expression compiles (and fits the target column, when one was given)
     * @param message what is wrong, or null
     * @param suggestion what was probably meant (e.g. a column name), or null
     * @param offset the 0-based position in the text the problem is at (0 when not known)
     * @param resultType the CEL type it gives ({@code string}, {@code int}, {@code timestamp}…), or null
     * @param columns the source columns it reads
     */
    public record Result(boolean ok, String message, String suggestion, int offset, String resultType,
            Set<String> columns) {
        public Result {
            columns = columns == null ? Set.of() : Set.copyOf(columns);
        }
    }

    /** Checks {@code cel} over {@code source}'s columns; with a {@code target} column, also that the result fits it. */
    public static Result check(TableSchema source, String cel, ColumnSchema target) {
        if (cel == null || cel.isBlank()) {
            return new Result(false, "the expression is empty", null, 0, null, Set.of());
        }
        Object r = new ExpressionCompiler(source, List.of()).compile(cel);
        if (r instanceof ExpressionCompiler.Failure f) {
            return new Result(false, f.message(), f.suggestion(), f.offset(), null, Set.of());
        }
        Expression x = (Expression) r;
        String type = x.resultTypeName();
        if (target != null && !fits(x.resultKind(), target.kind())) {
            String what = x.copiedColumn() != null ? "column '" + x.copiedColumn() + "'" : "the expression";
            return new Result(false, what + " gives " + type + " but target column '" + target.name() + "' is "
                    + target.kind().name().toLowerCase(Locale.ROOT), null, 0, type, x.columns());
        }
        return new Result(true, null, null, 0, type, x.columns());
    }

    /** Checks a condition ({@code where}): it compiles and gives true or false. */
    public static Result condition(TableSchema source, String cel) {
        Result r = check(source, cel, null);
        if (r.ok() && !"bool".equals(r.resultType()) && !"dyn".equals(r.resultType())) {
            return new Result(false, "a condition must give true or false, but this gives " + r.resultType(), null, 0,
                    r.resultType(), r.columns());
        }
        return r;
    }

    /** The result kinds a target column of this kind takes (as {@link FlowValidator} allows them). */
    static boolean fits(CelKind k, ColumnKind target) {
        if (k == CelKind.DYN || k == CelKind.NULL_TYPE || k == CelKind.ANY || target == ColumnKind.STRING
                || target == ColumnKind.OTHER) {
            return true;
        }
        Set<CelKind> allowed = switch (target) {
            case INTEGER, CHOICE, DECIMAL, DOUBLE -> Set.of(CelKind.INT, CelKind.UINT, CelKind.DOUBLE, CelKind.STRING);
            case BOOLEAN -> Set.of(CelKind.BOOL, CelKind.STRING);
            case DATETIME -> Set.of(CelKind.TIMESTAMP, CelKind.STRING);
            default -> Set.of(CelKind.STRING);
        };
        return allowed.contains(k);
    }
}
