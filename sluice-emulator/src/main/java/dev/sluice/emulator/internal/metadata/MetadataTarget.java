package dev.sluice.emulator.internal.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What a metadata URL addresses: a collection, one item (possibly none) or one property value. */
sealed interface MetadataTarget {
    /**
     * A collection of items of (at least) {@code type}.
     *
     * @param context the resource path as {@code @odata.context} shows it, e.g. {@code EntityDefinitions('account')/Attributes}
     */
    record Many(List<Definition> items, MetadataType type, String context) implements MetadataTarget {}

    /**
     * One item, or null for an empty single-valued navigation property.
     *
     * @param entityContext the context of this item as a response (its own key left out)
     * @param pathContext the path to navigate on from (its key kept)
     */
    record One(Definition item, MetadataType type, String entityContext, String pathContext)
            implements MetadataTarget {}

    /** A property of one item. */
    record Value(JsonNode value, String context) implements MetadataTarget {}
}
