package dev.sluice.emulator.internal.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** Builds the {@code EntityMetadata} definition of a table. Stateless; thread-safe. */
final class EntityMetadataJson {
    /** Dataverse: IntroducedVersion of tables shipped with the platform; custom tables start at 1.0. */
    static final String SYSTEM_VERSION = "5.0.0.0";
    static final String CUSTOM_VERSION = "1.0";

    private EntityMetadataJson() {}

    static Definition of(TableDef t, int objectTypeCode, Map<String, Supplier<List<Definition>>> navigations) {
        boolean custom = StandardNames.isCustomTable(t);
        boolean managed = !custom;
        UUID id = t.metadataId();
        ObjectNode n = Json.object();
        n.put("MetadataId", id.toString());
        n.putNull("HasChanged");
        n.put("ActivityTypeMask", 0);
        n.put("AutoRouteToOwnerQueue", false);
        n.set("CanBeInManyToMany", Labels.managed(true, managed, "canbeinmanytomany"));
        n.set("CanBePrimaryEntityInRelationship", Labels.managed(true, managed, "canbeprimaryentityinrelationship"));
        n.set("CanBeRelatedEntityInRelationship", Labels.managed(true, managed, "canberelatedentityinrelationship"));
        n.set("CanChangeTrackingBeEnabled", Labels.managed(true, true, "canchangetrackingbeenabled"));
        n.set("CanCreateAttributes", Labels.managed(true, managed, "cancreateattributes"));
        n.set("CanCreateForms", Labels.managed(true, managed, "cancreateforms"));
        n.set("CanCreateViews", Labels.managed(true, managed, "cancreateviews"));
        n.put("CanTriggerWorkflow", true);
        n.put("ChangeTrackingEnabled", true);
        n.put("CollectionSchemaName", StandardNames.collectionSchemaName(t));
        n.set("Description", Labels.empty());
        n.set("DisplayCollectionName",
                Labels.label(StandardNames.displayCollectionName(t), id, "DisplayCollectionName", managed));
        n.set("DisplayName", Labels.label(t.displayName(), id, "DisplayName", managed));
        n.put("EntitySetName", t.entitySetName());
        n.putNull("ExternalCollectionName");
        n.putNull("ExternalName");
        n.put("HasActivities", t.userOwned());
        n.put("HasNotes", t.userOwned());
        n.put("IntroducedVersion", custom ? CUSTOM_VERSION : SYSTEM_VERSION);
        n.put("IsActivity", false);
        n.set("IsAuditEnabled", Labels.managed(true, true, "canmodifyauditsettings"));
        n.put("IsAvailableOffline", true);
        n.put("IsBusinessProcessEnabled", t.userOwned());
        n.put("IsChildEntity", false);
        n.put("IsCustomEntity", custom);
        n.set("IsCustomizable", Labels.managed(true, managed, "iscustomizable"));
        n.put("IsIntersect", false);
        n.put("IsLogicalEntity", false);
        n.put("IsManaged", managed);
        n.put("IsOptimisticConcurrencyEnabled", true);
        n.put("IsPrivate", false);
        n.put("IsValidForAdvancedFind", true);
        n.set("IsValidForQueue", Labels.managed(false, true, "canenablequeue"));
        n.put("LogicalCollectionName", t.entitySetName());
        n.put("LogicalName", t.logicalName());
        n.put("ObjectTypeCode", objectTypeCode);
        n.put("OwnershipType", t.userOwned() ? "UserOwned" : "OrganizationOwned");
        n.put("PrimaryIdAttribute", t.primaryIdAttribute());
        n.putNull("PrimaryImageAttribute");
        if (t.primaryNameAttribute() == null) {
            n.putNull("PrimaryNameAttribute");
        } else {
            n.put("PrimaryNameAttribute", t.primaryNameAttribute());
        }
        n.put("SchemaName", StandardNames.tableSchemaName(t));
        n.put("TableType", "Standard");
        return new Definition(MetadataType.ENTITY, n, navigations);
    }
}
