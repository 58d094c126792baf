package dev.sluice.cli;

import dev.sluice.dataverse.ColumnMetadata;
import dev.sluice.dataverse.Row;
import dev.sluice.dataverse.TableMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Labels of choice, state, status and yes/no values, as Dataverse's formatted values show them (the service's
 * {@code OData.Community.Display.V1.FormattedValue}, else the column's metadata). In a table a cell reads
 * {@code 33 (Consulting)}; in CSV and JSON a column {@code industrycode@label} follows {@code industrycode}, since
 * no column name holds an '@'. Immutable.
 */
final class ChoiceLabels {
    /** What follows a column's name in the name of its label column. */
    static final String SUFFIX = "@label";
    private final Map<String, ColumnMetadata> choices = new LinkedHashMap<>();
    private final boolean inCells;

    /** Labels for the choice columns of {@code table}; {@code inCells} for tables, else label columns. */
    ChoiceLabels(TableMetadata table, boolean inCells) {
        for (ColumnMetadata c : table.columns()) {
            if (c.type().hasOptions() && !c.options().isEmpty()) {
                choices.put(c.wireName(), c);
            }
        }
        this.inCells = inCells;
    }

    /** Whether any of the columns shown ({@code selected}; empty means all) has labels. */
    boolean any(List<String> selected) {
        return selected.isEmpty() ? !choices.isEmpty() : selected.stream().anyMatch(choices::containsKey);
    }

    /** The columns to show: each choice column followed by its label column (label columns only, not cells). */
    List<String> columns(List<String> selected) {
        if (inCells || selected.isEmpty()) {
            return selected;
        }
        List<String> out = new ArrayList<>();
        for (String c : selected) {
            out.add(c);
            if (choices.containsKey(c)) {
                out.add(c + SUFFIX);
            }
        }
        return out;
    }

    /** The row with labels: in the choice cells ({@code 33 (Consulting)}) or in label columns after them. */
    Row apply(Row row) {
        Map<String, Object> values = new LinkedHashMap<>();
        row.values().forEach((column, value) -> {
            ColumnMetadata c = choices.get(column);
            if (c == null) {
                values.put(column, value);
                return;
            }
            Optional<String> label = value == null ? Optional.empty() : row.formatted(column).or(() -> c.label(value));
            if (inCells) {
                values.put(column, label.map(l -> CellText.text(value) + " (" + l + ")").orElse(CellText.text(value)));
            } else {
                values.put(column, value);
                values.put(column + SUFFIX, label.orElse(null));
            }
        });
        return new Row(values, row.annotations());
    }
}
