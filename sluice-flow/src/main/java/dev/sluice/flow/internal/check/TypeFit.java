package dev.sluice.flow.internal.check;

import dev.cel.common.types.CelKind;
import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.flow.internal.Expression;
import java.util.Locale;
import java.util.Set;

/** Whether what a CEL expression gives can be written to a target column's type. Thread-safe. */
final class TypeFit {
    private TypeFit() {}

    /** True when {@code x}'s result fits column {@code c}; false (and a problem) when it cannot. */
    static boolean check(FlowCheck check, Expression x, ColumnSchema c, String path) {
        CelKind k = x.resultKind();
        if (k == CelKind.DYN || k == CelKind.NULL_TYPE || k == CelKind.ANY || c.kind() == ColumnKind.STRING
                || c.kind() == ColumnKind.OTHER) {
            return true;
        }
        Set<CelKind> allowed = switch (c.kind()) {
            case INTEGER, CHOICE, DECIMAL, DOUBLE -> Set.of(CelKind.INT, CelKind.UINT, CelKind.DOUBLE,
                    CelKind.STRING);
            case BOOLEAN -> Set.of(CelKind.BOOL, CelKind.STRING);
            case DATETIME -> Set.of(CelKind.TIMESTAMP, CelKind.STRING);
            default -> Set.of(CelKind.STRING);
        };
        if (allowed.contains(k) || x.isDecimal() && allowed.contains(CelKind.DOUBLE)) {
            return true;
        }
        String what = x.copiedColumn() != null ? "column '" + x.copiedColumn() + "'" : "the expression";
        check.add(path, what + " gives " + x.resultTypeName() + " but target column '" + c.name() + "' is "
                + c.kind().name().toLowerCase(Locale.ROOT), null);
        return false;
    }
}
