package dev.sluice.emulator.internal.query;

import com.fasterxml.jackson.core.io.SerializedString;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.List;

/**
 * Which properties of a table's rows a response writes ({@code $select}, the primary key always) and
 * which navigation properties it expands, with the JSON field names prepared once. Immutable.
 */
final class Projection {
    static final String FORMATTED = "@OData.Community.Display.V1.FormattedValue";
    static final String NAVIGATION = "@Microsoft.Dynamics.CRM.associatednavigationproperty";
    static final String LOGICAL_NAME = "@Microsoft.Dynamics.CRM.lookuplogicalname";

    final TableDef table;
    /** Column positions to write, in order. */
    final int[] columns;
    /** The names as listed in {@code $select}, for the context URL; null when there was no $select. */
    final List<String> selected;
    final List<Expansion> expansions;
    final SerializedString[] names;
    final SerializedString[] formattedNames;
    final SerializedString[] navigationNames;
    final SerializedString[] logicalNames;

    Projection(TableDef table, int[] columns, List<String> selected, List<Expansion> expansions) {
        this.table = table;
        this.columns = columns;
        this.selected = selected == null ? null : List.copyOf(selected);
        this.expansions = List.copyOf(expansions);
        int n = table.columns().size();
        names = new SerializedString[n];
        formattedNames = new SerializedString[n];
        navigationNames = new SerializedString[n];
        logicalNames = new SerializedString[n];
        for (int i = 0; i < n; i++) {
            String wire = table.columns().get(i).wireName();
            names[i] = new SerializedString(wire);
            formattedNames[i] = new SerializedString(wire + FORMATTED);
            navigationNames[i] = new SerializedString(wire + NAVIGATION);
            logicalNames[i] = new SerializedString(wire + LOGICAL_NAME);
        }
    }

    /** All columns in table order. */
    static Projection all(TableDef table, List<Expansion> expansions) {
        int[] cols = new int[table.columns().size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = i;
        }
        return new Projection(table, cols, null, expansions);
    }

    ColumnDef column(int index) {
        return table.columns().get(index);
    }

    /** {@code name,revenue,primarycontactid(fullname)} for the context URL, or null when all columns. */
    String contextList() {
        if (selected == null && expansions.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        if (selected != null) {
            sb.append(String.join(",", selected));
        }
        for (Expansion e : expansions) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e.name());
            if (!e.ref()) {
                String inner = e.projection().contextList();
                sb.append('(').append(inner == null ? "" : inner).append(')');
            }
        }
        return sb.toString();
    }
}
