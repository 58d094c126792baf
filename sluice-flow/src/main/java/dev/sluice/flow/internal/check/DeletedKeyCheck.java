package dev.sluice.flow.internal.check;

import dev.sluice.core.ColumnSchema;
import dev.sluice.core.TableSchema;
import dev.sluice.flow.ColumnMapping;
import dev.sluice.flow.Mapping;
import dev.sluice.flow.TargetSpec;
import dev.sluice.flow.internal.CelValues;
import dev.sluice.flow.internal.Expression;
import dev.sluice.flow.internal.ExpressionCompiler;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The key a row deleted in Dataverse is found by. Change tracking reports a deleted row by its id only: a key column
 * mapped from the source's primary key comes from that id; any other is remembered, per source row, from what the
 * flow wrote, so it must come from the source row's own columns (not a lookup). Thread-safe.
 */
final class DeletedKeyCheck {
    private DeletedKeyCheck() {}

    /** Whether the flow must remember the key each source row was written under. */
    static boolean check(FlowCheck c, ExpressionCompiler cel, Sides sides, List<String> read) {
        TargetSpec target = c.def().target();
        boolean remembers = false;
        for (ColumnMapping m : c.def().mappings()) {
            Optional<ColumnSchema> col = sides.targetColumn(m.target());
            if (col.isEmpty() || !target.key().contains(m.target()) && !target.key().contains(col.get().name())) {
                continue;
            }
            if (m.mapping() instanceof Mapping.Lookup) {
                c.add("map." + m.target(), "on-delete: key column '" + m.target() + "' is a lookup; a row "
                        + "deleted in Dataverse comes back as its id only, so the flow remembers the key each "
                        + "row was written under, and a lookup's value is resolved by the target, not kept: "
                        + "key by columns mapped from the source's columns", null);
                continue;
            }
            Set<String> reads = columnsRead(cel, m.mapping());
            if (sides.sourceTable().primaryKey().containsAll(reads)) {
                continue; // a deleted row's id gives this key column's value
            }
            remembers = true;
            fromSourceRow(c, sides.sourceTable(), m, reads, read);
        }
        return remembers;
    }

    /** The source columns a mapping reads. */
    private static Set<String> columnsRead(ExpressionCompiler cel, Mapping mapping) {
        return mapping instanceof Mapping.Constant ? Set.of()
                : mapping instanceof Mapping.Expression e && cel.compile(e.cel()) instanceof Expression x
                ? x.columns() : mapping instanceof Mapping.ChoiceLabel l ? Set.of(l.column())
                : mapping instanceof Mapping.ChoiceValue v
                        && cel.compile(v.cel()) instanceof Expression x ? x.columns() : Set.of();
    }

    /** Every column a remembered key column is computed from is a column read from the source row. */
    private static void fromSourceRow(FlowCheck c, TableSchema s, ColumnMapping m, Set<String> reads,
            List<String> read) {
        for (String col : reads) {
            boolean inRow = col.equals(CelValues.ROW)
                    || s.column(col).isPresent() && (read.isEmpty() || read.contains(col));
            if (!inRow) {
                c.add("map." + m.target(), "on-delete: key column '" + m.target() + "' is computed from '"
                        + col + "', which is not a column read from '" + s.name() + "'; a deleted row's "
                        + "key is remembered from what the flow wrote, so the key must come from the "
                        + "source row's own columns"
                        + (s.column(col).isPresent() ? " (add '" + col + "' to source.select)" : ""),
                        null);
            }
        }
    }
}
