package dev.sluice.emulator.internal.query;

import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.schema.ColumnDef;

/**
 * One {@code $orderby} key: a column of the queried table and its direction. Choices sort by their
 * integer value, strings case-insensitively, nulls first ascending (SQL Server). Immutable.
 */
record SortKey(ColumnDef column, int index, boolean descending) {
    Object value(Row row) {
        return Values.normalize(row.get(index));
    }

    int compare(Object a, Object b) {
        int c = Values.compareNullsFirst(a, b);
        return descending ? -c : c;
    }
}
