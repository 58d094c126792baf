package dev.sluice.emulator.internal.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All tables of the emulated org and the 1:N relationships their lookups make. Immutable once built.
 */
public final class OrgSchema {
    private final Map<String, TableDef> byLogicalName = new LinkedHashMap<>();
    private final Map<String, TableDef> byEntitySet = new LinkedHashMap<>();
    private final List<RelationshipDef> relationships = new ArrayList<>();

    public OrgSchema(Collection<TableDef> tables) {
        for (TableDef t : tables) {
            if (byLogicalName.put(t.logicalName(), t) != null) {
                throw new IllegalArgumentException("table '" + t.logicalName() + "' is declared twice");
            }
            if (byEntitySet.put(t.entitySetName(), t) != null) {
                throw new IllegalArgumentException("entity set '" + t.entitySetName() + "' is declared twice");
            }
        }
        for (TableDef t : tables) {
            for (ColumnDef c : t.columns()) {
                for (LookupTarget target : c.targets()) {
                    if (!byLogicalName.containsKey(target.table())) {
                        throw new IllegalArgumentException("table '" + t.logicalName() + "' column '" + c.name()
                                + "' points at unknown table '" + target.table() + "'");
                    }
                    relationships.add(new RelationshipDef(target.relationship(), target.table(), t.logicalName(),
                            c.name(), c.navigationProperty(target.table())));
                }
            }
        }
    }

    public Collection<TableDef> tables() {
        return byLogicalName.values();
    }

    /** Table by logical name, or null. */
    public TableDef table(String logicalName) {
        return byLogicalName.get(logicalName);
    }

    /** Table by entity set name (the URL segment), or null. */
    public TableDef tableBySet(String entitySetName) {
        return byEntitySet.get(entitySetName);
    }

    public List<RelationshipDef> relationships() {
        return relationships;
    }

    /** The relationship whose collection navigation property on {@code referencedTable} has this name, or null. */
    public RelationshipDef collectionNavigation(String referencedTable, String name) {
        for (RelationshipDef r : relationships) {
            if (r.referencedTable().equals(referencedTable) && r.schemaName().equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** The relationship whose single-valued navigation property on {@code referencingTable} has this name, or null. */
    public RelationshipDef singleNavigation(String referencingTable, String name) {
        for (RelationshipDef r : relationships) {
            if (r.referencingTable().equals(referencingTable) && r.navigationProperty().equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** Relationships whose "one" side is this table (its collection navigation properties). */
    public List<RelationshipDef> collectionNavigations(String referencedTable) {
        return relationships.stream().filter(r -> r.referencedTable().equals(referencedTable)).toList();
    }

    /** Relationships whose "many" side is this table (its single-valued navigation properties). */
    public List<RelationshipDef> singleNavigations(String referencingTable) {
        return relationships.stream().filter(r -> r.referencingTable().equals(referencingTable)).toList();
    }
}
