package dev.sluice.emulator.internal.schema;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An emulated table: names, columns (the primary id first), alternate keys. Immutable; column
 * positions index the value arrays of {@code Row}.
 */
public final class TableDef {
    private final String logicalName;
    private final String entitySetName;
    private final String displayName;
    private final String primaryIdAttribute;
    private final String primaryNameAttribute;
    private final List<ColumnDef> columns;
    private final List<KeyDef> keys;
    private final boolean userOwned;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> wireIndex = new HashMap<>();

    public TableDef(
            String logicalName,
            String entitySetName,
            String displayName,
            String primaryIdAttribute,
            String primaryNameAttribute,
            List<ColumnDef> columns,
            List<KeyDef> keys,
            boolean userOwned) {
        if (logicalName == null || !logicalName.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("table name '" + logicalName + "' must be lowercase letters, digits and _");
        }
        this.logicalName = logicalName;
        this.entitySetName = entitySetName == null ? logicalName + "s" : entitySetName;
        this.displayName = displayName == null ? logicalName : displayName;
        this.primaryIdAttribute = primaryIdAttribute;
        this.primaryNameAttribute = primaryNameAttribute;
        this.columns = List.copyOf(columns);
        this.keys = List.copyOf(keys);
        this.userOwned = userOwned;
        for (int i = 0; i < this.columns.size(); i++) {
            ColumnDef c = this.columns.get(i);
            if (index.put(c.name(), i) != null) {
                throw new IllegalArgumentException("table '" + logicalName + "' declares column '" + c.name() + "' twice");
            }
            wireIndex.put(c.wireName(), i);
        }
        if (!index.containsKey(primaryIdAttribute) || index.get(primaryIdAttribute) != 0) {
            throw new IllegalArgumentException("table '" + logicalName + "': the primary id column must come first");
        }
        if (primaryNameAttribute != null && !index.containsKey(primaryNameAttribute)) {
            throw new IllegalArgumentException(
                    "table '" + logicalName + "': primary name column '" + primaryNameAttribute + "' is not declared");
        }
        for (KeyDef k : this.keys) {
            for (String col : k.columns()) {
                if (!index.containsKey(col)) {
                    throw new IllegalArgumentException(
                            "table '" + logicalName + "': key '" + k.name() + "' names unknown column '" + col + "'");
                }
            }
        }
    }

    public String logicalName() {
        return logicalName;
    }

    public String entitySetName() {
        return entitySetName;
    }

    public String displayName() {
        return displayName;
    }

    public String primaryIdAttribute() {
        return primaryIdAttribute;
    }

    /** Primary name column, or null for tables without one. */
    public String primaryNameAttribute() {
        return primaryNameAttribute;
    }

    public List<ColumnDef> columns() {
        return columns;
    }

    public List<KeyDef> keys() {
        return keys;
    }

    /** Whether rows have an owner (ownerid); user-owned tables in Dataverse terms. */
    public boolean userOwned() {
        return userOwned;
    }

    /** Position of a column by logical name, or -1. */
    public int indexOf(String logicalName) {
        Integer i = index.get(logicalName);
        return i == null ? -1 : i;
    }

    /** Position of a column by wire name ({@code _x_value} for lookups), or -1. */
    public int indexOfWire(String wireName) {
        Integer i = wireIndex.get(wireName);
        return i == null ? -1 : i;
    }

    /** Column by logical name, or null. */
    public ColumnDef column(String logicalName) {
        int i = indexOf(logicalName);
        return i < 0 ? null : columns.get(i);
    }

    /** Column by wire name, or null. */
    public ColumnDef columnByWireName(String wireName) {
        int i = indexOfWire(wireName);
        return i < 0 ? null : columns.get(i);
    }

    /** Stable metadata id derived from the logical name. */
    public UUID metadataId() {
        return UUID.nameUUIDFromBytes(("table:" + logicalName).getBytes(StandardCharsets.UTF_8));
    }

    /** Stable metadata id of a column. */
    public UUID metadataId(ColumnDef column) {
        return UUID.nameUUIDFromBytes(("column:" + logicalName + "." + column.name()).getBytes(StandardCharsets.UTF_8));
    }

    /** Key by schema name, or null. */
    public KeyDef key(String name) {
        for (KeyDef k : keys) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "TableDef[" + logicalName + "]";
    }
}
