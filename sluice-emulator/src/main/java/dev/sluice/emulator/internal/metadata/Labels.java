package dev.sluice.emulator.internal.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.internal.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * JSON for the small complex types every metadata item uses: {@code Label} (one English label),
 * {@code BooleanManagedProperty} and value wrappers. Stateless; thread-safe.
 */
final class Labels {
    /** Dataverse: the base language of an org created in English (United States). */
    static final int LANGUAGE_CODE = 1033;

    private Labels() {}

    /**
     * {@code {"LocalizedLabels":[{…}],"UserLocalizedLabel":{…}}}; the label's MetadataId is derived from
     * its owner and role, so it is stable across runs. A null or blank text gives the empty label.
     */
    static ObjectNode label(String text, UUID owner, String role, boolean managed) {
        ObjectNode label = Json.object();
        if (text == null || text.isBlank()) {
            label.putArray("LocalizedLabels");
            label.putNull("UserLocalizedLabel");
            return label;
        }
        UUID id = UUID.nameUUIDFromBytes(("label:" + owner + ":" + role).getBytes(StandardCharsets.UTF_8));
        ObjectNode localized = Json.object();
        localized.put("Label", text);
        localized.put("LanguageCode", LANGUAGE_CODE);
        localized.put("IsManaged", managed);
        localized.put("MetadataId", id.toString());
        localized.putNull("HasChanged");
        label.putArray("LocalizedLabels").add(localized);
        label.set("UserLocalizedLabel", localized.deepCopy());
        return label;
    }

    static ObjectNode empty() {
        return label(null, null, null, false);
    }

    /** {@code BooleanManagedProperty}: {@code {"Value":…,"CanBeChanged":…,"ManagedPropertyLogicalName":…}}. */
    static ObjectNode managed(boolean value, boolean canBeChanged, String logicalName) {
        ObjectNode n = Json.object();
        n.put("Value", value);
        n.put("CanBeChanged", canBeChanged);
        n.put("ManagedPropertyLogicalName", logicalName);
        return n;
    }

    /** A complex value wrapper such as {@code AttributeTypeName}: {@code {"Value":…}}. */
    static ObjectNode value(String value) {
        ObjectNode n = Json.object();
        n.put("Value", value);
        return n;
    }

    /** A stable id for a metadata item that has no id of its own in the schema. */
    static UUID id(String kind, String name) {
        return UUID.nameUUIDFromBytes((kind + ":" + name).getBytes(StandardCharsets.UTF_8));
    }
}
