package dev.sluice.emulator.internal.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One metadata item (a table, column, key, relationship or option set definition): its actual type,
 * its structural properties as JSON, and its navigation properties, computed when expanded. For a
 * single-valued navigation the list has at most one element. The JSON must not be mutated once built;
 * thread-safe in that sense.
 *
 * @param type the item's actual (most derived) type
 * @param properties every structural property of {@code type}, in wire order
 * @param navigations navigation property name → the related items
 */
record Definition(MetadataType type, ObjectNode properties, Map<String, Supplier<List<Definition>>> navigations) {
    Definition {
        navigations = Map.copyOf(navigations);
    }

    UUID metadataId() {
        return UUID.fromString(properties.get("MetadataId").asText());
    }

    /** A string property, or null. */
    String text(String name) {
        var v = properties.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The related items of a navigation property (empty when the type declares it but has none). */
    List<Definition> navigate(String name) {
        Supplier<List<Definition>> s = navigations.get(name);
        return s == null ? List.of() : s.get();
    }
}
