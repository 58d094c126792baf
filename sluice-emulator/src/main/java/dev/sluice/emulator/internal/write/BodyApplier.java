package dev.sluice.emulator.internal.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.emulator.internal.data.LookupValue;
import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.data.SystemColumns;
import dev.sluice.emulator.internal.data.ValueCodec;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.OptionDef;
import dev.sluice.emulator.internal.schema.OrgSchema;
import dev.sluice.emulator.internal.schema.RelationshipDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a Web API JSON body to a row's values: typed columns, {@code nav@odata.bind} lookups,
 * lookups cleared with null, and deep-insert children (collected for the caller to create after the
 * parent). Stateless; call inside a write transaction.
 */
final class BodyApplier {
    private static final String BIND = "@odata.bind";

    /** Children to create after the parent: a collection navigation's rows, bound to the parent. */
    record DeepInsert(RelationshipDef relationship, ObjectNode body) {}

    /** Collection binds: existing rows whose lookup must point at the parent once it exists. */
    record CollectionBind(RelationshipDef relationship, EntityReferences.Ref child) {}

    /** What applying a body left for after the row is stored. */
    record Pending(List<DeepInsert> inserts, List<CollectionBind> binds) {}

    private BodyApplier() {}

    static Pending apply(OrgStore store, TableDef table, Object[] values, ObjectNode body, boolean create,
            RowCreator creator) {
        List<DeepInsert> inserts = new ArrayList<>();
        List<CollectionBind> binds = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = f.getKey();
            JsonNode value = f.getValue();
            if (name.endsWith(BIND)) {
                bind(store, table, values, name, value, binds);
            } else if (name.startsWith("@") || name.contains("@")) {
                checkType(table, name, value); // annotations: @odata.type, @odata.etag, x@OData.Community…
            } else if (!column(table, values, name, value)
                    && !navigation(store, table, values, name, value, creator, inserts)) {
                throw unknownProperty(table, name);
            }
        }
        if (create && body.has(table.primaryIdAttribute())) {
            values[0] = ValueCodec.fromJson(table, table.columns().get(0), body.get(table.primaryIdAttribute()));
        }
        alignStateAndStatus(table, values, body);
        return new Pending(inserts, binds);
    }

    /** A column by name (server-kept ones and the primary id are ignored); false when {@code name} is none. */
    private static boolean column(TableDef table, Object[] values, String name, JsonNode value) {
        ColumnDef column = table.column(name);
        if (column != null && !column.type().isLookup()) {
            if (!SystemColumns.isServerKept(table, column) && column != table.columns().get(0)) {
                values[table.indexOf(name)] = ValueCodec.fromJson(table, column, value);
            }
            return true;
        }
        if (column != null && !(value instanceof ObjectNode)) { // a lookup by name: only null clears it
            if (!value.isNull()) {
                throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                        "A value for the lookup '" + name + "' must be set with '" + name
                                + "@odata.bind' (or the navigation property's bind), not directly.");
            }
            values[table.indexOf(name)] = null;
            return true;
        }
        return false;
    }

    /**
     * A navigation property: null clears a single-valued one, an object deep-inserts its target, an array of a
     * collection-valued one deep-inserts children after the row; false when {@code name} is none.
     */
    private static boolean navigation(OrgStore store, TableDef table, Object[] values, String name, JsonNode value,
            RowCreator creator, List<DeepInsert> inserts) {
        OrgSchema schema = store.schema();
        RelationshipDef single = schema.singleNavigation(table.logicalName(), name);
        if (single != null) {
            if (value.isNull()) {
                values[table.indexOf(single.lookupColumn())] = null;
            } else if (value instanceof ObjectNode nested) {
                TableDef target = schema.table(single.referencedTable());
                java.util.UUID id = creator.create(target, nested);
                values[table.indexOf(single.lookupColumn())] = new LookupValue(target.logicalName(), id);
            } else {
                throw unknownProperty(table, name);
            }
            return true;
        }
        RelationshipDef many = schema.collectionNavigation(table.logicalName(), name);
        if (many == null || !value.isArray()) {
            return false;
        }
        for (JsonNode child : value) {
            if (!(child instanceof ObjectNode childBody)) {
                throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                        "Each item of '" + name + "' must be a JSON object.");
            }
            inserts.add(new DeepInsert(many, childBody));
        }
        return true;
    }

    private static void bind(OrgStore store, TableDef table, Object[] values, String name, JsonNode value,
            List<CollectionBind> binds) {
        String nav = name.substring(0, name.length() - BIND.length());
        OrgSchema schema = store.schema();
        RelationshipDef single = schema.singleNavigation(table.logicalName(), nav);
        if (single != null) {
            int col = table.indexOf(single.lookupColumn());
            if (value.isNull()) {
                values[col] = null;
                return;
            }
            if (!value.isTextual()) {
                throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                        "The value of '" + name + "' must be a string such as '/" + schema.table(
                                single.referencedTable()).entitySetName() + "(<guid>)'.");
            }
            EntityReferences.Ref ref = EntityReferences.resolve(store, value.textValue(), name);
            if (!ref.table().logicalName().equals(single.referencedTable())) {
                throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                        "'" + name + "' must point at a " + single.referencedTable() + " record, not a "
                                + ref.table().logicalName() + ".");
            }
            values[col] = new LookupValue(ref.table().logicalName(), ref.id());
            return;
        }
        RelationshipDef many = schema.collectionNavigation(table.logicalName(), nav);
        if (many != null && value.isArray()) {
            for (JsonNode item : value) {
                EntityReferences.Ref ref = EntityReferences.resolve(store, item.asText(), name);
                if (!ref.table().logicalName().equals(many.referencingTable())) {
                    throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                            "'" + name + "' must list " + many.referencingTable() + " records.");
                }
                binds.add(new CollectionBind(many, ref));
            }
            return;
        }
        throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                "An undeclared property '" + nav + "' which only has property annotations in the payload but no "
                        + "property value was found in the payload. In OData, only declared navigation properties "
                        + "and declared named streams can be represented as properties without values.");
    }

    private static void checkType(TableDef table, String name, JsonNode value) {
        if (name.equals("@odata.type") && value.isTextual()) {
            String t = value.textValue().replaceFirst("^#", "");
            String expected = "Microsoft.Dynamics.CRM." + table.logicalName();
            if (!t.equals(expected) && !t.equals("mscrm." + table.logicalName())) {
                throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                        "The '@odata.type' '" + value.textValue() + "' does not match the entity set's type '"
                                + expected + "'.");
            }
        }
    }

    /** A statuscode implies its statecode; a statecode alone gets its default statuscode. */
    private static void alignStateAndStatus(TableDef table, Object[] values, ObjectNode body) {
        int state = table.indexOf("statecode");
        int status = table.indexOf("statuscode");
        if (state < 0 || status < 0) {
            return;
        }
        ColumnDef statusCol = table.columns().get(status);
        if (body.has("statuscode") && values[status] != null) {
            OptionDef o = statusCol.options().stream().filter(x -> x.value() == (Integer) values[status])
                    .findFirst().orElseThrow();
            if (body.has("statecode") && !Objects.equals(values[state], o.state())) {
                throw ApiException.badRequest(DataverseErrorCodes.INVALID_ARGUMENT,
                        "statuscode " + o.value() + " is not valid for statecode " + values[state] + " on "
                                + table.logicalName() + ".");
            }
            values[state] = o.state();
        } else if (body.has("statecode") && values[state] != null) {
            int s = (Integer) values[state];
            statusCol.options().stream().filter(x -> x.state() == s).findFirst()
                    .ifPresent(o -> values[status] = o.value());
        }
    }

    static ApiException unknownProperty(TableDef table, String name) {
        return ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                "Could not find a property named '" + name + "' on type 'Microsoft.Dynamics.CRM."
                        + table.logicalName() + "'.");
    }

    /** Creates a related row during deep insert and returns its id. */
    @FunctionalInterface
    interface RowCreator {
        java.util.UUID create(TableDef table, ObjectNode body);
    }
}
