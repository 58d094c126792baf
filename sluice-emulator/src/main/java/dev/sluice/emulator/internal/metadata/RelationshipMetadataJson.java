package dev.sluice.emulator.internal.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.schema.OrgSchema;
import dev.sluice.emulator.internal.schema.RelationshipDef;
import java.util.Map;

/** Builds the {@code OneToManyRelationshipMetadata} of a lookup's relationship. Stateless; thread-safe. */
final class RelationshipMetadataJson {
    private RelationshipMetadataJson() {}

    static Definition of(OrgSchema schema, RelationshipDef r) {
        boolean custom = StandardNames.isCustomColumn(r.lookupColumn())
                || StandardNames.isCustomTable(schema.table(r.referencingTable()));
        ObjectNode n = Json.object();
        n.put("MetadataId", Labels.id("relationship", r.schemaName()).toString());
        n.putNull("HasChanged");
        n.put("IntroducedVersion", custom ? EntityMetadataJson.CUSTOM_VERSION : EntityMetadataJson.SYSTEM_VERSION);
        n.put("IsCustomRelationship", custom);
        n.set("IsCustomizable", Labels.managed(true, !custom, "iscustomizable"));
        n.put("IsManaged", !custom);
        n.put("IsValidForAdvancedFind", true);
        n.put("RelationshipType", "OneToManyRelationship");
        n.put("SchemaName", r.schemaName());
        n.put("SecurityTypes", "Append");
        n.put("IsHierarchical", false);
        n.put("ReferencedAttribute", schema.table(r.referencedTable()).primaryIdAttribute());
        n.put("ReferencedEntity", r.referencedTable());
        n.put("ReferencedEntityNavigationPropertyName", r.schemaName());
        n.put("ReferencingAttribute", r.lookupColumn());
        n.put("ReferencingEntity", r.referencingTable());
        n.put("ReferencingEntityNavigationPropertyName", r.navigationProperty());
        n.put("RelationshipBehavior", 0);
        return new Definition(MetadataType.ONE_TO_MANY, n, Map.of());
    }
}
