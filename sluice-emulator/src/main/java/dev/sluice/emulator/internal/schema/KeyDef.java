package dev.sluice.emulator.internal.schema;

import java.util.List;

/** An alternate key: a schema name and the columns whose values together are unique. */
public record KeyDef(String name, List<String> columns) {
    public KeyDef {
        if (name == null || name.isBlank() || columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("an alternate key needs a name and at least one column");
        }
        // Dataverse: at most 16 columns per key (fact sheet §B.3)
        if (columns.size() > 16) {
            throw new IllegalArgumentException("alternate key '" + name + "' has more than 16 columns");
        }
        columns = List.copyOf(columns);
    }
}
