package dev.sluice.emulator.internal.schema;

import java.util.List;

/**
 * A column of an emulated table.
 *
 * @param name logical name (lowercase)
 * @param type Dataverse type
 * @param displayName label shown in metadata
 * @param maxLength for strings and memos; 0 otherwise
 * @param required application-required (a create must give it)
 * @param system kept by the server (createdon, modifiedby, versionnumber...); writes are ignored
 * @param options labels for choice, state, status and boolean columns
 * @param targets for lookups: the tables pointed to
 */
public record ColumnDef(
        String name,
        ColumnType type,
        String displayName,
        int maxLength,
        boolean required,
        boolean system,
        List<OptionDef> options,
        List<LookupTarget> targets) {

    public ColumnDef {
        if (name == null || !name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("column name '" + name + "' must be lowercase letters, digits and _");
        }
        options = options == null ? List.of() : List.copyOf(options);
        targets = targets == null ? List.of() : List.copyOf(targets);
        if (type.isLookup() && targets.isEmpty()) {
            throw new IllegalArgumentException("lookup column '" + name + "' needs at least one target table");
        }
        if (displayName == null || displayName.isBlank()) {
            displayName = name;
        }
    }

    /** Name of the property on the wire: {@code _name_value} for lookups, else the logical name. */
    public String wireName() {
        return type.isLookup() ? "_" + name + "_value" : name;
    }

    /** Label for an option value, or null when the column has none for it. */
    public String label(int value) {
        for (OptionDef o : options) {
            if (o.value() == value) {
                return o.label();
            }
        }
        return null;
    }

    /** The single-valued navigation property name for a target: the column name, or {@code name_target}. */
    public String navigationProperty(String targetTable) {
        return targets.size() == 1 ? name : name + "_" + targetTable;
    }
}
