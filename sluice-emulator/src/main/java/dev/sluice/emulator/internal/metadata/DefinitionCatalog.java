package dev.sluice.emulator.internal.metadata;

import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.KeyDef;
import dev.sluice.emulator.internal.schema.OrgSchema;
import dev.sluice.emulator.internal.schema.RelationshipDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every metadata definition of the org, built once from its (immutable) schema: tables with their
 * columns, keys and relationships, and the org-wide relationship list. The sample org has no global
 * option sets. Immutable; thread-safe.
 */
final class DefinitionCatalog {
    private final List<Definition> entities = new ArrayList<>();
    private final List<Definition> relationships = new ArrayList<>();

    DefinitionCatalog(OrgSchema schema) {
        StandardNames names = new StandardNames(schema);
        Map<String, Definition> relationshipByName = new LinkedHashMap<>();
        for (RelationshipDef r : schema.relationships()) {
            relationshipByName.putIfAbsent(r.schemaName(), RelationshipMetadataJson.of(schema, r));
        }
        relationships.addAll(relationshipByName.values());
        for (TableDef t : schema.tables()) {
            List<Definition> attributes = new ArrayList<>();
            for (ColumnDef c : t.columns()) {
                attributes.add(AttributeMetadataJson.of(t, c));
            }
            List<Definition> keys = new ArrayList<>();
            for (KeyDef k : t.keys()) {
                keys.add(KeyMetadataJson.of(t, k));
            }
            List<Definition> oneToMany = schema.collectionNavigations(t.logicalName()).stream()
                    .map(r -> relationshipByName.get(r.schemaName())).distinct().toList();
            List<Definition> manyToOne = schema.singleNavigations(t.logicalName()).stream()
                    .map(r -> relationshipByName.get(r.schemaName())).distinct().toList();
            Map<String, Supplier<List<Definition>>> navs = Map.of(
                    "Attributes", list(attributes),
                    "Keys", list(keys),
                    "OneToManyRelationships", list(oneToMany),
                    "ManyToOneRelationships", list(manyToOne),
                    "ManyToManyRelationships", List::of);
            entities.add(EntityMetadataJson.of(t, names.objectTypeCode(t), navs));
        }
    }

    /** {@code EntityDefinitions}: one per table, in schema order. */
    List<Definition> entities() {
        return entities;
    }

    /** {@code RelationshipDefinitions}: every 1:N relationship made by a lookup. */
    List<Definition> relationships() {
        return relationships;
    }

    /** {@code GlobalOptionSetDefinitions}: the emulator's columns all use local option sets. */
    List<Definition> globalOptionSets() {
        return List.of();
    }

    private static Supplier<List<Definition>> list(List<Definition> items) {
        List<Definition> copy = List.copyOf(items);
        return () -> copy;
    }
}
