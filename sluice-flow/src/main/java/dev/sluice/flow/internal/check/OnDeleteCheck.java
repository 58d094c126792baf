package dev.sluice.flow.internal.check;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.NearestName;
import dev.sluice.flow.Incremental;
import dev.sluice.flow.OnDelete;
import dev.sluice.flow.TargetSpec;
import dev.sluice.flow.internal.ExpressionCompiler;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The target's {@code on-delete}: a read that can see deletions, keys a deleted row can be found by
 * ({@link DeletedKeyCheck}), and a mark column that can take a time or a flag. Thread-safe.
 */
public final class OnDeleteCheck {
    private OnDeleteCheck() {}

    /**
     * What deleting needs, when the flow deletes.
     *
     * @param markColumn the column {@code on-delete: mark} sets, or null
     * @param remembersKeys whether a run remembers the target key each source row was written under
     */
    public record Deletes(ColumnSchema markColumn, boolean remembersKeys) {
        static final Deletes NONE = new Deletes(null, false);
    }

    /** Checks {@code on-delete}; what deleting needs, or {@link Deletes#NONE} when the flow does not delete. */
    public static Deletes check(FlowCheck c, ExpressionCompiler cel, Sides sides, List<String> read) {
        TargetSpec target = c.def().target();
        if (target.onDelete() == OnDelete.IGNORE) {
            return Deletes.NONE;
        }
        Incremental inc = c.def().source().incremental();
        if (inc instanceof Incremental.Watermark) {
            c.add("target.on-delete", "on-delete needs 'incremental: change-tracking' or a full read (no "
                    + "'incremental'): a watermark read never sees deleted rows", null);
        }
        boolean remembers = inc instanceof Incremental.ChangeTracking && DeletedKeyCheck.check(c, cel, sides, read);
        return new Deletes(target.onDelete() == OnDelete.MARK ? markColumn(c, sides) : null, remembers);
    }

    /** The mark column: a writable date-time or boolean column of the target outside the key; null when not. */
    private static ColumnSchema markColumn(FlowCheck c, Sides sides) {
        TargetSpec target = c.def().target();
        String t = sides.targetTable().name();
        Optional<ColumnSchema> col = sides.targetColumn(target.markColumn());
        if (col.isEmpty()) {
            c.add("target.mark-column", "unknown column '" + target.markColumn() + "' on table '" + t + "'",
                    NearestName.of(target.markColumn(), FlowCheck.names(sides.targetTable())));
            return null;
        }
        if (!col.get().writable()) {
            c.add("target.mark-column", "column '" + target.markColumn() + "' of '" + t + "' cannot be written", null);
            return null;
        }
        if (!Set.of(ColumnKind.DATETIME, ColumnKind.BOOLEAN, ColumnKind.OTHER).contains(col.get().kind())) {
            c.add("target.mark-column", "mark column '" + target.markColumn() + "' is "
                    + col.get().kind().name().toLowerCase(Locale.ROOT) + "; it must be a date-time (set to when "
                    + "the deletion was seen) or a boolean (set to true)", null);
            return null;
        }
        if (target.key().contains(target.markColumn())) {
            c.add("target.mark-column", "the mark column cannot be part of the key", null);
            return null;
        }
        return col.get();
    }
}
