package dev.sluice.flow.internal.check;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.NearestName;
import dev.sluice.core.TableSchema;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.flow.Incremental;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The columns a flow reads from its source: those it selects exist, its watermark column can order changes, and
 * change tracking has a Dataverse source. Thread-safe.
 */
public final class SourceColumnsCheck {
    private SourceColumnsCheck() {}

    /** The columns to read: the selected ones, the watermark and the primary key; empty for all of them. */
    public static List<String> check(FlowCheck c, Sides sides) {
        TableSchema s = sides.sourceTable();
        List<String> select = c.def().source().select();
        selected(c, s, select);
        Set<String> read = new LinkedHashSet<>(select);
        Incremental inc = c.def().source().incremental();
        if (inc instanceof Incremental.Watermark w) {
            watermark(c, s, w);
            if (!select.isEmpty()) {
                read.add(w.column());
            }
        }
        if (inc instanceof Incremental.ChangeTracking && !(sides.sourceProvider() instanceof DataverseRecordProvider)) {
            c.add("source.incremental", "change tracking needs a Dataverse source; use "
                    + "'incremental: {watermark: COLUMN}' for connection '" + c.def().source().connection() + "'",
                    null);
        }
        if (!select.isEmpty()) {
            read.addAll(s.primaryKey());
        }
        return select.isEmpty() ? List.of() : List.copyOf(read);
    }

    /** Every selected column is a column of the source table. */
    private static void selected(FlowCheck c, TableSchema s, List<String> select) {
        for (int i = 0; i < select.size(); i++) {
            if (s.column(select.get(i)).isEmpty()) {
                c.add("source.select[" + i + "]", "unknown column '" + select.get(i) + "' on table '" + s.name()
                        + "'", NearestName.of(select.get(i), FlowCheck.names(s)));
            }
        }
    }

    /** The watermark column exists, grows with every change, and ties are broken by a primary key. */
    private static void watermark(FlowCheck c, TableSchema s, Incremental.Watermark w) {
        Optional<ColumnSchema> col = s.column(w.column());
        if (col.isEmpty()) {
            c.add("source.incremental.watermark", "unknown column '" + w.column() + "' on table '" + s.name()
                    + "'", NearestName.of(w.column(), FlowCheck.names(s)));
        } else if (!Set.of(ColumnKind.DATETIME, ColumnKind.INTEGER, ColumnKind.DECIMAL, ColumnKind.STRING)
                .contains(col.get().kind())) {
            c.add("source.incremental.watermark", "watermark column '" + w.column() + "' is "
                    + col.get().kind().name().toLowerCase(Locale.ROOT) + "; it must be a date-time, number or "
                    + "text that grows with every change", null);
        }
        if (s.primaryKey().isEmpty()) {
            c.add("source.incremental", "a watermark needs a primary key on '" + s.name() + "' to break ties "
                    + "between rows changed at the same moment", null);
        }
    }
}
