package dev.sluice.flow.internal.check;

import dev.cel.common.types.CelKind;
import dev.sluice.core.RecordProvider;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.flow.FileRecordProvider;
import dev.sluice.flow.Incremental;
import dev.sluice.flow.JdbcRecordProvider;
import dev.sluice.flow.internal.Expression;
import dev.sluice.flow.internal.ExpressionCompiler;
import dev.sluice.flow.internal.WherePlan;
import dev.sluice.flow.internal.WherePushDown;

/** The source's {@code where}: a CEL condition that compiles and gives true or false. Thread-safe. */
public final class WhereCheck {
    private WhereCheck() {}

    /** The compiled condition; null when there is none or it is bad (the problem is recorded). */
    public static Expression check(FlowCheck c, ExpressionCompiler cel) {
        String text = c.def().source().where();
        if (text == null) {
            return null;
        }
        Expression where = c.expression(cel, text, "source.where");
        if (where != null && where.resultKind() != CelKind.BOOL && where.resultKind() != CelKind.DYN) {
            c.add("source.where", "source.where must be true or false, but gives " + where.resultTypeName(), null);
        }
        return where;
    }

    /** What the source evaluates of {@code where}, and what is left for memory. */
    public static WherePlan plan(FlowCheck c, Expression where, Sides sides, ExpressionCompiler cel) {
        RecordProvider p = sides.sourceProvider();
        if (where == null) {
            return WherePlan.NONE;
        }
        if (c.def().source().incremental() instanceof Incremental.ChangeTracking) {
            return WherePlan.inMemory(where, "change tracking reads cannot be filtered by Dataverse");
        }
        if (p instanceof DataverseRecordProvider) {
            return WherePushDown.plan(where, sides.sourceTable(), WherePushDown.Dialect.DATAVERSE, cel);
        }
        if (p instanceof JdbcRecordProvider) {
            return WherePushDown.plan(where, sides.sourceTable(), WherePushDown.Dialect.SQL, cel);
        }
        return WherePlan.inMemory(where, p instanceof FileRecordProvider ? "files are read whole" : null);
    }
}
