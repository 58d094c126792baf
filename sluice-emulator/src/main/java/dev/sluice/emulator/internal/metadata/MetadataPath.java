package dev.sluice.emulator.internal.metadata;

import dev.sluice.emulator.internal.http.ResourcePath;
import java.util.List;
import java.util.UUID;

/**
 * Resolves a metadata resource path ({@code EntityDefinitions(LogicalName='account')/Attributes/
 * Microsoft.Dynamics.CRM.PicklistAttributeMetadata}, {@code RelationshipDefinitions(SchemaName='x')}…)
 * segment by segment: keys (MetadataId or the type's name key), navigation properties, type casts and
 * single properties. Stateless apart from the catalog it reads; thread-safe.
 */
final class MetadataPath {
    private final DefinitionCatalog catalog;

    MetadataPath(DefinitionCatalog catalog) {
        this.catalog = catalog;
    }

    MetadataTarget resolve(ResourcePath path) {
        ResourcePath.Segment first = path.get(0);
        MetadataTarget current = switch (first.name()) {
            case "EntityDefinitions" -> new MetadataTarget.Many(catalog.entities(), MetadataType.ENTITY, first.name());
            case "RelationshipDefinitions" ->
                    new MetadataTarget.Many(catalog.relationships(), MetadataType.RELATIONSHIP, first.name());
            default -> new MetadataTarget.Many(catalog.globalOptionSets(), MetadataType.OPTION_SET_BASE,
                    first.name());
        };
        if (first.hasKey()) {
            current = key((MetadataTarget.Many) current, first.key(), null);
        }
        for (int i = 1; i < path.size(); i++) {
            current = step(current, path.get(i));
        }
        return current;
    }

    private MetadataTarget step(MetadataTarget current, ResourcePath.Segment seg) {
        String name = seg.name();
        if (current instanceof MetadataTarget.Many many) {
            if (!name.startsWith(MetadataType.NAMESPACE)) {
                throw MetadataErrors.segmentNotFound(name);
            }
            MetadataType cast = castType(name, many.type());
            List<Definition> items = many.items().stream().filter(d -> d.type().isA(cast)).toList();
            MetadataTarget.Many result = new MetadataTarget.Many(items, cast, many.context() + "/" + name);
            return seg.hasKey() ? key(result, seg.key(), null) : result;
        }
        if (!(current instanceof MetadataTarget.One one) || one.item() == null) {
            throw MetadataErrors.segmentNotFound(name);
        }
        if (name.startsWith(MetadataType.NAMESPACE)) {
            MetadataType cast = castType(name, one.type());
            if (!one.item().type().isA(cast)) {
                throw MetadataErrors.badQuery("The " + one.item().type().typeName() + " '" + describe(one.item())
                        + "' is not a " + cast.typeName() + ", so it cannot be cast to '" + name + "'.");
            }
            return new MetadataTarget.One(one.item(), cast, one.entityContext() + "/" + name,
                    one.pathContext() + "/" + name);
        }
        MetadataType.Property p = one.type().property(name);
        if (p == null) {
            throw MetadataErrors.segmentNotFound(name);
        }
        String here = one.pathContext() + "/" + name;
        if (p.kind() != MetadataType.Kind.NAVIGATION) {
            if (seg.hasKey()) {
                throw MetadataErrors.segmentNotFound(name + "(" + seg.key() + ")");
            }
            return new MetadataTarget.Value(one.item().properties().get(name), here);
        }
        List<Definition> related = one.item().navigate(name);
        if (!p.collection()) {
            if (seg.hasKey()) {
                throw MetadataErrors.badQuery("'" + name + "' is single-valued; it takes no key.");
            }
            return new MetadataTarget.One(related.isEmpty() ? null : related.get(0), p.targetType(), here, here);
        }
        MetadataTarget.Many many = new MetadataTarget.Many(related, p.targetType(), here);
        return seg.hasKey() ? key(many, seg.key(), one.item()) : many;
    }

    private static MetadataType castType(String name, MetadataType declared) {
        MetadataType cast = MetadataType.byName(name);
        if (cast == null) {
            throw MetadataErrors.segmentNotFound(name);
        }
        if (!cast.isA(declared)) {
            throw MetadataErrors.badQuery("The type '" + name + "' is not derived from '" + declared.qualifiedName()
                    + "', so it cannot be used as a cast here.");
        }
        if (cast.isAbstract()) {
            throw MetadataErrors.badQuery("The type '" + name + "' is abstract and cannot be used as a cast; cast "
                    + "to one of its concrete types (for example PicklistAttributeMetadata).");
        }
        return cast;
    }

    /** Picks the item of a collection by {@code key}: a MetadataId, or the type's name key. */
    private static MetadataTarget.One key(MetadataTarget.Many many, String keyText, Definition owner) {
        MetadataType type = many.type();
        String nameKey = nameKey(type);
        String text = keyText.trim();
        UUID id = parseGuid(text);
        String value = id == null ? nameValue(text, nameKey, type) : null;
        String keyContext = id != null ? id.toString() : "'" + value.replace("'", "''") + "'";
        Definition found = null;
        for (Definition d : many.items()) {
            if (id != null ? d.metadataId().equals(id) : value.equals(d.text(nameKey))) {
                found = d;
            }
        }
        if (found == null) {
            throw notFound(type, id != null ? "MetadataId = " + id : nameKey + " = '" + value + "'", value, owner);
        }
        return new MetadataTarget.One(found, type, many.context(), many.context() + "(" + keyContext + ")");
    }

    /** The 404 for a missing item; {@code value} is the name key's value, or null when looked up by id. */
    private static RuntimeException notFound(MetadataType type, String key, String value, Definition owner) {
        String on = owner == null ? "" : " on the table '" + owner.text("LogicalName") + "'";
        if (type.isA(MetadataType.ENTITY)) {
            return value == null ? MetadataErrors.itemNotFound("a table", key) : MetadataErrors.tableNotFound(value);
        }
        if (type.isA(MetadataType.ATTRIBUTE)) {
            return MetadataErrors.itemNotFound("a column (attribute)", key + on);
        }
        if (type.isA(MetadataType.KEY)) {
            return MetadataErrors.itemNotFound("an alternate key", key + on);
        }
        if (type.isA(MetadataType.RELATIONSHIP)) {
            return MetadataErrors.itemNotFound("a relationship", key + on);
        }
        return MetadataErrors.itemNotFound("an option set", key);
    }

    private static String nameKey(MetadataType type) {
        if (type.isA(MetadataType.RELATIONSHIP)) {
            return "SchemaName";
        }
        if (type.isA(MetadataType.OPTION_SET_BASE)) {
            return "Name";
        }
        return "LogicalName";
    }

    /** The value of {@code Name='value'}; anything else is an invalid key. */
    private static String nameValue(String text, String nameKey, MetadataType type) {
        int eq = text.indexOf('=');
        String expected = nameKey + "='…'";
        if (eq < 0 || !text.substring(0, eq).trim().equals(nameKey)) {
            throw MetadataErrors.invalidKey(type, text, expected);
        }
        String v = text.substring(eq + 1).trim();
        if (v.length() < 2 || !v.startsWith("'") || !v.endsWith("'")) {
            throw MetadataErrors.invalidKey(type, text, expected);
        }
        String inner = v.substring(1, v.length() - 1);
        if (inner.replace("''", "").contains("'")) {
            throw MetadataErrors.invalidKey(type, text, expected);
        }
        return inner.replace("''", "'");
    }

    private static UUID parseGuid(String s) {
        if (s.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            // not a GUID: the caller reads it as a name
            return null;
        }
    }

    private static String describe(Definition d) {
        String name = d.text("LogicalName");
        return name != null ? name : d.text("SchemaName");
    }
}
