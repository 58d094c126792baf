package dev.sluice.emulator.internal.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.emulator.internal.data.KeyResolver;
import dev.sluice.emulator.internal.data.LookupValue;
import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.http.ResourcePath;
import dev.sluice.emulator.internal.schema.RelationshipDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.UUID;

/**
 * Links between rows through navigation properties ({@code …/$ref}, fact sheet §B.7): associate, set and remove
 * a reference, each a change of the lookup column on the referencing row. Thread-safe.
 */
final class ReferenceWrites {
    private final StoredRows rows;

    ReferenceWrites(StoredRows rows) {
        this.rows = rows;
    }

    private OrgStore store() {
        return rows.store();
    }

    /** Sets the lookup a reference names: on the addressed row and the row its {@code @odata.id} names. */
    private interface Link {
        void apply(OrgStore.Tx tx, Row addressed, EntityReferences.Ref referenced);
    }

    /** {@code POST accounts(id)/contact_customer_accounts/$ref} with {@code {"@odata.id":…}}. */
    ApiResponse associate(ApiRequest request, ResourcePath path, TableDef table) {
        RelationshipDef rel = collection(table, path.get(1).name());
        return link(request, path, table, rel.referencingTable(), (tx, parent, child) -> {
            TableDef childTable = child.table();
            Row row = store().get(childTable, child.id());
            Object current = row.get(childTable.indexOf(rel.lookupColumn()));
            if (current instanceof LookupValue l && l.id().equals(parent.id())) {
                throw new ApiException(400, DataverseErrorCodes.DUPLICATE_RECORD,
                        "Cannot insert duplicate key: the records are already associated through '"
                                + rel.schemaName() + "'.");
            }
            rows.setColumn(tx, request, childTable, row, rel.lookupColumn(),
                    new LookupValue(table.logicalName(), parent.id()));
        });
    }

    /** {@code PUT contacts(id)/parentcustomerid_account/$ref} with {@code {"@odata.id":…}}. */
    ApiResponse setReference(ApiRequest request, ResourcePath path, TableDef table) {
        RelationshipDef rel = single(table, path.get(1).name());
        return link(request, path, table, rel.referencedTable(), (tx, row, target) ->
                rows.setColumn(tx, request, table, row, rel.lookupColumn(),
                        new LookupValue(target.table().logicalName(), target.id())));
    }

    private ApiResponse link(ApiRequest request, ResourcePath path, TableDef table, String referencedTable,
            Link link) {
        String ref = referenceBody(request, table);
        store().write(tx -> {
            Row row = rows.existing(table, path.get(0).key());
            EntityReferences.Ref target = EntityReferences.resolve(store(), ref, "@odata.id");
            requireTable(target.table(), referencedTable, path.get(1).name());
            link.apply(tx, row, target);
            return null;
        });
        return ApiResponse.of(204).header("OData-Version", "4.0");
    }

    /**
     * {@code DELETE contacts(id)/parentcustomerid_account/$ref},
     * {@code DELETE accounts(id)/contact_customer_accounts(childId)/$ref} or
     * {@code DELETE accounts(id)/contact_customer_accounts/$ref?$id=…}.
     */
    ApiResponse removeReference(ApiRequest request, ResourcePath path, TableDef table) {
        RelationshipDef single = store().schema().singleNavigation(table.logicalName(), path.get(1).name());
        store().write(tx -> {
            Row row = rows.existing(table, path.get(0).key());
            if (single != null) {
                if (path.get(1).hasKey()) {
                    throw ApiException.badRequest(DataverseErrorCodes.QUERY_NOT_SUPPORTED,
                            "A single-valued navigation property takes no key in a $ref request.");
                }
                rows.setColumn(tx, request, table, row, single.lookupColumn(), null);
            } else {
                removeFromCollection(tx, request, path, table, row);
            }
            return null;
        });
        return ApiResponse.of(204).header("OData-Version", "4.0");
    }

    private void removeFromCollection(OrgStore.Tx tx, ApiRequest request, ResourcePath path, TableDef table,
            Row row) {
        RelationshipDef rel = collection(table, path.get(1).name());
        TableDef childTable = store().schema().table(rel.referencingTable());
        UUID childId = childId(request, path, childTable);
        Row child = childId == null ? null : store().get(childTable, childId);
        Object current = child == null ? null : child.get(childTable.indexOf(rel.lookupColumn()));
        if (!(current instanceof LookupValue l) || !l.id().equals(row.id())) {
            throw KeyResolver.notFound(childTable, String.valueOf(childId));
        }
        rows.setColumn(tx, request, childTable, child, rel.lookupColumn(), null);
    }

    /** The child a removal names: by its key in the path, or by the {@code $id} query. */
    private UUID childId(ApiRequest request, ResourcePath path, TableDef childTable) {
        if (path.get(1).hasKey()) {
            return KeyResolver.resolve(store(), childTable, path.get(1).key()).id();
        }
        String id = request.query("$id");
        if (id == null) {
            throw ApiException.badRequest(DataverseErrorCodes.QUERY_NOT_SUPPORTED,
                    "Removing a record from '" + path.get(1).name()
                            + "' needs its key in the path or a $id query.");
        }
        return EntityReferences.resolve(store(), id, "$id").id();
    }

    private RelationshipDef collection(TableDef table, String name) {
        RelationshipDef rel = store().schema().collectionNavigation(table.logicalName(), name);
        if (rel == null) {
            throw navigationNotFound("collection", table, name);
        }
        return rel;
    }

    private RelationshipDef single(TableDef table, String name) {
        RelationshipDef rel = store().schema().singleNavigation(table.logicalName(), name);
        if (rel == null) {
            throw navigationNotFound("single", table, name);
        }
        return rel;
    }

    private static ApiException navigationNotFound(String valued, TableDef table, String name) {
        return ApiException.badRequest(DataverseErrorCodes.QUERY_NOT_SUPPORTED,
                "Could not find a " + valued + "-valued navigation property named '" + name
                        + "' on type 'Microsoft.Dynamics.CRM." + table.logicalName() + "'.");
    }

    private static void requireTable(TableDef actual, String expected, String nav) {
        if (!actual.logicalName().equals(expected)) {
            throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                    "'" + nav + "' relates to " + expected + " records, not " + actual.logicalName() + ".");
        }
    }

    private static String referenceBody(ApiRequest request, TableDef table) {
        ObjectNode body = Json.parseObject(request.body(), table.entitySetName());
        JsonNode id = body.get("@odata.id");
        if (id == null || !id.isTextual()) {
            throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                    "A $ref request body must be {\"@odata.id\": \"<entity URL>\"}.");
        }
        return id.textValue();
    }
}
