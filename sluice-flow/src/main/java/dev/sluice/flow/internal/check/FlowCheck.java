package dev.sluice.flow.internal.check;

import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.NearestName;
import dev.sluice.core.RecordProvider;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.flow.FlowDefinition;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.Location;
import dev.sluice.flow.ParsedFlow;
import dev.sluice.flow.internal.Expression;
import dev.sluice.flow.internal.ExpressionCompiler;
import java.util.ArrayList;
import java.util.List;

/**
 * One check of a parsed flow in progress: the flow and every problem found so far, in the order found. The checks
 * of this package report through it. Not thread-safe; one per check.
 */
public final class FlowCheck {
    /** Columns listed in a message about an unknown column; a Dataverse table has hundreds. */
    private static final int LISTED = 60;

    private final ParsedFlow flow;
    private final List<FlowProblem> problems = new ArrayList<>();

    /** Starts checking {@code flow}. */
    public FlowCheck(ParsedFlow flow) {
        this.flow = flow;
    }

    public ParsedFlow flow() {
        return flow;
    }

    public FlowDefinition def() {
        return flow.definition();
    }

    /** The problems so far, in the order found (the list itself). */
    public List<FlowProblem> problems() {
        return problems;
    }

    /** Records a problem at {@code path} of the flow; {@code suggestion} is what was probably meant, or null. */
    public void add(String path, String message, String suggestion) {
        problems.add(flow.problem(path, message, suggestion));
    }

    /** The schema of {@code table}; null (and a problem naming the nearest table) when it cannot be described. */
    public TableSchema describe(RecordProvider p, String table, String path) {
        try {
            return p.describe(table);
        } catch (SluiceException e) {
            if (e.kind() != ErrorKind.NOT_FOUND && e.kind() != ErrorKind.INVALID_INPUT) {
                add(path, "cannot describe table '" + table + "': " + e.getMessage(), null);
                return null;
            }
            List<String> tables;
            try {
                tables = p.tables();
            } catch (SluiceException e2) {
                // only the "did you mean" is lost; the unknown table is still the problem reported
                tables = List.of();
            }
            add(path, "unknown table '" + table + "'", NearestName.of(table, tables));
            return null;
        }
    }

    /** {@code text} compiled; null (and a problem at the exact column CEL names) when it does not compile. */
    public Expression expression(ExpressionCompiler cel, String text, String path) {
        Object r = cel.compile(text);
        if (r instanceof Expression x) {
            return x;
        }
        ExpressionCompiler.Failure f = (ExpressionCompiler.Failure) r;
        Location base = flow.locations().get(path + "#cel");
        Location at = base != null ? base.plusColumns(f.offset()) : flow.location(path).plusColumns(f.offset());
        problems.add(new FlowProblem(flow.file(), at, f.message(), f.suggestion()));
        return null;
    }

    /** "; its columns are a, b, c" (the first {@value #LISTED} of them), for a message about an unknown one. */
    static String columnsOf(TableSchema t) {
        List<String> all = names(t);
        if (all.isEmpty()) {
            return "";
        }
        String shown = String.join(", ", all.subList(0, Math.min(LISTED, all.size())));
        return "; its columns are " + shown + (all.size() > LISTED ? " and " + (all.size() - LISTED) + " more" : "");
    }

    static List<String> names(TableSchema t) {
        return t.columns().stream().map(ColumnSchema::name).toList();
    }
}
