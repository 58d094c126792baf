package dev.sluice.flow;

import dev.sluice.core.RecordProvider;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.flow.internal.Expression;
import dev.sluice.flow.internal.ExpressionCompiler;
import dev.sluice.flow.internal.WherePlan;
import dev.sluice.flow.internal.WherePushDown;
import java.util.List;

/**
 * What a flow's {@code where} does at its source, in the source's own words: the Dataverse {@code $filter} or the SQL
 * {@code WHERE} the pushed part becomes, and the part checked in memory on each record, split exactly as a run splits
 * it. For showing people the filter they build. Stateless and thread-safe.
 */
public final class SourceFilter {
    private SourceFilter() {}

    /**
     * A condition as the source sees it. Immutable.
     *
     * @param pushed {@code $filter=…} or {@code WHERE …} (values as literals), or null when nothing is pushed
     * @param inMemory the CEL checked on each record read, or null
     * @param why why something stays in memory, or null
     * @param problem why the condition cannot be used (it does not compile, or gives no true/false), or null
     * @param offset the 0-based position of the problem in the condition
     */
    public record Text(String pushed, String inMemory, String why, String problem, int offset) {}

    /** How {@code cel} over {@code table} of {@code source} is evaluated by a read of this kind. */
    public static Text describe(RecordProvider source, TableSchema table, String cel, Incremental incremental) {
        CelCheck.Result check = CelCheck.condition(table, cel);
        if (!check.ok()) {
            return new Text(null, null, null, check.message() + (check.suggestion() == null ? ""
                    : " (did you mean '" + check.suggestion() + "'?)"), check.offset());
        }
        ExpressionCompiler compiler = new ExpressionCompiler(table, List.of());
        Expression where = (Expression) compiler.compile(cel);
        RecordProvider p = SharedProvider.unwrap(source);
        WherePlan plan;
        String pushed = null;
        if (incremental instanceof Incremental.ChangeTracking) {
            plan = WherePlan.inMemory(where, "change tracking reads cannot be filtered by Dataverse");
        } else if (p instanceof DataverseRecordProvider dv) {
            plan = WherePushDown.plan(where, table, WherePushDown.Dialect.DATAVERSE, compiler);
            pushed = plan.pushed() == null ? null : "$filter=" + dv.filterText(table.name(), plan.pushed());
        } else if (p instanceof JdbcRecordProvider jdbc) {
            plan = WherePushDown.plan(where, table, WherePushDown.Dialect.SQL, compiler);
            pushed = plan.pushed() == null ? null : "WHERE " + jdbc.whereText(table.name(), plan.pushed());
        } else {
            plan = WherePlan.inMemory(where, p instanceof FileRecordProvider ? "files are read whole"
                    : "this source evaluates no conditions");
        }
        return new Text(pushed, plan.inMemoryText(), plan.why(), null, 0);
    }

    /** As {@link #describe}, or the failure to translate as a problem. */
    public static Text describeSafely(RecordProvider source, TableSchema table, String cel, Incremental incremental) {
        try {
            return describe(source, table, cel, incremental);
        } catch (SluiceException e) {
            return new Text(null, null, null, e.getMessage(), 0);
        }
    }
}
