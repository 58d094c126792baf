package dev.sluice.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.internal.Transport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads {@link TableMetadata} one table at a time from {@code EntityDefinitions} (fact sheet §A.7) and
 * caches it for the client's life: one request for the table, its common column properties, keys and
 * many-to-one relationships (lookup navigation names),
 * then one cast request per column type present that carries more (text lengths, lookup targets,
 * option set labels). Never loads all tables' columns at once. Thread-safe.
 */
final class TableMetadataLoader {
    private static final String NS = "Microsoft.Dynamics.CRM.";
    private static final String ATTRIBUTE_SELECT =
            "LogicalName,AttributeType,RequiredLevel,IsValidForCreate,IsValidForUpdate,AttributeOf";

    private final DataverseClient client;
    private final Map<String, TableMetadata> cache = new ConcurrentHashMap<>();

    TableMetadataLoader(DataverseClient client) {
        this.client = client;
    }

    TableMetadata get(String table) {
        TableMetadata cached = cache.get(table);
        if (cached != null) {
            return cached;
        }
        TableInfo info = client.table(table);
        TableMetadata loaded = cache.computeIfAbsent(info.logicalName(), k -> load(info));
        cache.put(table, loaded);
        return loaded;
    }

    /** Every table's names, from one light {@code EntityDefinitions?$select=…} request. */
    List<TableInfo> tables() {
        JsonNode list = json("EntityDefinitions?$select=LogicalName,EntitySetName,PrimaryIdAttribute,"
                + "PrimaryNameAttribute").path("value");
        List<TableInfo> out = new ArrayList<>();
        for (JsonNode n : list) {
            out.add(new TableInfo(n.path("LogicalName").asText(), n.path("EntitySetName").asText(null),
                    n.path("PrimaryIdAttribute").asText(null), n.path("PrimaryNameAttribute").asText(null)));
        }
        out.sort((a, b) -> a.logicalName().compareTo(b.logicalName()));
        return out;
    }

    private TableMetadata load(TableInfo info) {
        String entity = "EntityDefinitions(LogicalName=" + Query.enc(ODataLiteral.of(info.logicalName())) + ")";
        JsonNode t = json(entity + "?$select=LogicalName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute,"
                + "ChangeTrackingEnabled&$expand=" + Query.enc("Attributes($select=" + ATTRIBUTE_SELECT
                + "),Keys($select=SchemaName,KeyAttributes),ManyToOneRelationships($select=ReferencingAttribute,"
                + "ReferencedEntity,ReferencingEntityNavigationPropertyName)"));
        Map<String, Map<String, String>> navigations = new HashMap<>();
        for (JsonNode rel : t.path("ManyToOneRelationships")) {
            navigations.computeIfAbsent(rel.path("ReferencingAttribute").asText(), k -> new HashMap<>())
                    .put(rel.path("ReferencedEntity").asText(), rel.path("ReferencingEntityNavigationPropertyName")
                            .asText());
        }
        Set<AttributeType> present = EnumSet.noneOf(AttributeType.class);
        for (JsonNode a : t.path("Attributes")) {
            present.add(AttributeType.fromWire(a.path("AttributeType").asText(null)));
        }
        Map<String, Integer> lengths = new HashMap<>();
        Map<String, List<String>> targets = new HashMap<>();
        Map<String, Map<Integer, String>> options = new HashMap<>();
        if (present.contains(AttributeType.STRING)) {
            cast(entity, "StringAttributeMetadata", "$select=LogicalName,MaxLength")
                    .forEach(a -> lengths.put(a.path("LogicalName").asText(), a.path("MaxLength").asInt()));
        }
        if (present.contains(AttributeType.MEMO)) {
            cast(entity, "MemoAttributeMetadata", "$select=LogicalName,MaxLength")
                    .forEach(a -> lengths.put(a.path("LogicalName").asText(), a.path("MaxLength").asInt()));
        }
        if (present.contains(AttributeType.LOOKUP) || present.contains(AttributeType.CUSTOMER)
                || present.contains(AttributeType.OWNER)) {
            cast(entity, "LookupAttributeMetadata", "$select=LogicalName,Targets").forEach(a -> {
                List<String> to = new ArrayList<>();
                a.path("Targets").forEach(x -> to.add(x.asText()));
                targets.put(a.path("LogicalName").asText(), to);
            });
        }
        for (AttributeType type : List.of(AttributeType.PICKLIST, AttributeType.STATE, AttributeType.STATUS,
                AttributeType.BOOLEAN)) {
            if (present.contains(type)) {
                String name = type == AttributeType.PICKLIST ? "Picklist" : type.wireName();
                cast(entity, name + "AttributeMetadata", "$select=LogicalName&$expand=OptionSet")
                        .forEach(a -> options.put(a.path("LogicalName").asText(), labels(a.path("OptionSet"))));
            }
        }
        List<ColumnMetadata> columns = new ArrayList<>();
        for (JsonNode a : t.path("Attributes")) {
            String name = a.path("LogicalName").asText();
            columns.add(new ColumnMetadata(name, AttributeType.fromWire(a.path("AttributeType").asText(null)),
                    RequiredLevel.fromWire(a.path("RequiredLevel").path("Value").asText(null)), lengths.get(name),
                    targets.getOrDefault(name, List.of()), options.getOrDefault(name, Map.of()),
                    a.path("IsValidForCreate").asBoolean(true), a.path("IsValidForUpdate").asBoolean(true),
                    a.path("AttributeOf").isTextual() ? a.path("AttributeOf").asText() : null,
                    navigations.getOrDefault(name, Map.of())));
        }
        List<AlternateKey> keys = new ArrayList<>();
        for (JsonNode k : t.path("Keys")) {
            List<String> cols = new ArrayList<>();
            k.path("KeyAttributes").forEach(c -> cols.add(c.asText()));
            keys.add(new AlternateKey(k.path("SchemaName").asText(), cols));
        }
        return new TableMetadata(t.path("LogicalName").asText(info.logicalName()),
                t.path("EntitySetName").asText(info.entitySetName()),
                t.path("PrimaryIdAttribute").asText(info.primaryIdAttribute()),
                t.path("PrimaryNameAttribute").isTextual() ? t.path("PrimaryNameAttribute").asText() : null,
                t.path("ChangeTrackingEnabled").asBoolean(false), columns, keys);
    }

    private JsonNode cast(String entity, String type, String query) {
        return json(entity + "/Attributes/" + NS + type + "?" + query).path("value");
    }

    /** Labels by value from an option set: {@code Options}, or {@code TrueOption}/{@code FalseOption}. */
    private static Map<Integer, String> labels(JsonNode optionSet) {
        Map<Integer, String> out = new LinkedHashMap<>();
        for (JsonNode o : optionSet.path("Options")) {
            out.put(o.path("Value").asInt(), label(o.path("Label")));
        }
        if (optionSet.has("TrueOption")) {
            out.put(1, label(optionSet.path("TrueOption").path("Label")));
            out.put(0, label(optionSet.path("FalseOption").path("Label")));
        }
        return out;
    }

    /** The user's label, else the first localized one. */
    private static String label(JsonNode label) {
        JsonNode user = label.path("UserLocalizedLabel").path("Label");
        if (user.isTextual()) {
            return user.asText();
        }
        JsonNode first = label.path("LocalizedLabels").path(0).path("Label");
        return first.isTextual() ? first.asText() : null;
    }

    private JsonNode json(String pathAndQuery) {
        try {
            return Transport.JSON.readTree(client.send(client.read(pathAndQuery)).body());
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.TRANSIENT, "Dataverse sent table metadata that is not valid JSON", e);
        }
    }
}
