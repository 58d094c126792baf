package dev.sluice.emulator.internal.metadata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.schema.KeyDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the {@code EntityKeyMetadata} of an alternate key. The emulator indexes keys as soon as the
 * org starts, so every key is {@code Active}. Stateless; thread-safe.
 */
final class KeyMetadataJson {
    private KeyMetadataJson() {}

    static Definition of(TableDef t, KeyDef key) {
        boolean managed = !StandardNames.isCustomTable(t);
        UUID id = Labels.id("key", t.logicalName() + "." + key.name());
        ObjectNode n = Json.object();
        n.put("MetadataId", id.toString());
        n.putNull("HasChanged");
        n.set("DisplayName", Labels.label(key.name(), id, "DisplayName", managed));
        n.put("EntityKeyIndexStatus", "Active");
        n.put("EntityLogicalName", t.logicalName());
        n.put("IntroducedVersion", "1.0");
        n.set("IsCustomizable", Labels.managed(true, true, "iscustomizable"));
        n.put("IsManaged", false);
        ArrayNode cols = n.putArray("KeyAttributes");
        key.columns().forEach(cols::add);
        n.put("LogicalName", key.name().toLowerCase(Locale.ROOT));
        n.put("SchemaName", key.name());
        return new Definition(MetadataType.KEY, n, Map.of());
    }
}
