package dev.sluice.emulator.internal.metadata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.internal.http.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@code $select}, {@code $filter} and {@code $expand} to metadata items, checked against the
 * declared type of the set, navigation property or cast they were reached through (so derived-type
 * properties need a cast, as in Dataverse). {@code MetadataId} is always returned. Stateless.
 */
final class Projection {
    private Projection() {}

    /** Checks the options against {@code declared}, including nested expand options. */
    static void check(MetadataType declared, MetadataQuery query, boolean collection) {
        if (query.select() != null) {
            for (String name : query.select()) {
                MetadataType.Property p = declared.property(name);
                if (p == null) {
                    throw MetadataErrors.unknownProperty(name, declared.qualifiedName());
                }
                if (p.kind() == MetadataType.Kind.NAVIGATION) {
                    throw MetadataErrors.badQuery("'" + name + "' is a navigation property of '"
                            + declared.qualifiedName() + "'; use $expand=" + name + " instead of $select.");
                }
            }
        }
        if (query.filter() != null) {
            if (!collection) {
                throw MetadataErrors.badQuery("$filter can only be applied to a collection; this request addresses "
                        + "a single " + declared.typeName() + ".");
            }
            MetadataFilter.parse(query.filter(), declared);
        }
        for (MetadataQuery.Expand e : query.expand()) {
            MetadataType.Property p = declared.property(e.name());
            if (p == null) {
                throw MetadataErrors.unknownProperty(e.name(), declared.qualifiedName());
            }
            if (p.kind() != MetadataType.Kind.NAVIGATION) {
                throw MetadataErrors.badQuery("'" + e.name() + "' is not a navigation property of '"
                        + declared.qualifiedName() + "'; $expand applies only to navigation properties.");
            }
            check(p.targetType(), e.options(), p.collection());
        }
    }

    /** The items that pass the query's {@code $filter} (all when it has none). */
    static List<Definition> filter(List<Definition> items, MetadataType declared, MetadataQuery query) {
        if (query.filter() == null) {
            return items;
        }
        MetadataFilter.Condition condition = MetadataFilter.parse(query.filter(), declared);
        List<Definition> out = new ArrayList<>();
        for (Definition d : items) {
            if (condition.test(d.properties())) {
                out.add(d);
            }
        }
        return out;
    }

    /** One item as JSON; call {@link #check} first. */
    static ObjectNode render(Definition d, MetadataType declared, MetadataQuery query) {
        ObjectNode out = Json.object();
        if (d.type() != declared) {
            out.put("@odata.type", "#" + d.type().qualifiedName());
        }
        if (query.select() == null) {
            out.setAll(d.properties());
        } else {
            for (String name : query.select()) {
                out.set(name, d.properties().get(name) == null ? Json.MAPPER.nullNode() : d.properties().get(name));
            }
            if (!out.has("MetadataId")) {
                out.set("MetadataId", d.properties().get("MetadataId"));
            }
        }
        for (MetadataQuery.Expand e : query.expand()) {
            MetadataType.Property p = declared.property(e.name());
            MetadataType target = p.targetType();
            List<Definition> related = d.navigate(e.name());
            if (p.collection()) {
                ArrayNode array = out.putArray(e.name());
                for (Definition r : filter(related, target, e.options())) {
                    array.add(render(r, target, e.options()));
                }
            } else if (related.isEmpty()) {
                out.putNull(e.name());
            } else {
                out.set(e.name(), render(related.get(0), target, e.options()));
            }
        }
        return out;
    }
}
