package dev.sluice.emulator.internal.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.core.DataverseHeaders;
import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.data.KeyResolver;
import dev.sluice.emulator.internal.data.LookupValue;
import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.data.SystemColumns;
import dev.sluice.emulator.internal.data.ValueCodec;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.http.Preferences;
import dev.sluice.emulator.internal.http.ResourcePath;
import dev.sluice.emulator.internal.query.ReadHandler;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.RelationshipDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Creates, updates, upserts and deletes rows from Web API requests (fact sheet §B.1, B.4–B.7), each in
 * one transaction: a request that fails changes nothing. Thread-safe.
 */
public final class RowWrites {
    private final EmulatorContext ctx;
    private final ReadHandler reads;

    public RowWrites(EmulatorContext ctx, ReadHandler reads) {
        this.ctx = ctx;
        this.reads = reads;
    }

    private OrgStore store() {
        return ctx.store();
    }

    // ---- HTTP operations ----

    /** {@code POST accounts}: 204 + OData-EntityId, or 201 + the row with return=representation. */
    public ApiResponse create(ApiRequest request, TableDef table) {
        ObjectNode body = Json.parseObject(request.body(), table.entitySetName());
        Row row = store().write(tx -> store().get(table, createRow(tx, request, table, body)));
        Preferences prefs = Preferences.of(request.headers());
        if (prefs.returnRepresentation()) {
            return representation(request, table, row, 201);
        }
        return ApiResponse.of(204).header("OData-Version", "4.0")
                .header(DataverseHeaders.ODATA_ENTITY_ID, entityId(request, table, row.id().toString()));
    }

    /** {@code PATCH accounts(key)}: update, or upsert unless If-Match / If-None-Match say otherwise. */
    public ApiResponse patch(ApiRequest request, TableDef table, String keyText) {
        ObjectNode body = Json.parseObject(request.body(), table.entitySetName());
        String ifMatch = request.headers().first(DataverseHeaders.IF_MATCH);
        String ifNoneMatch = request.headers().first(DataverseHeaders.IF_NONE_MATCH);
        boolean createOnly = "*".equals(ifNoneMatch == null ? null : ifNoneMatch.trim());
        boolean[] created = new boolean[1];
        KeyResolver.ResolvedKey[] resolved = new KeyResolver.ResolvedKey[1];
        Row row = store().write(tx -> {
            KeyResolver.ResolvedKey key = KeyResolver.resolve(store(), table, keyText);
            resolved[0] = key;
            Row existing = key.id() == null ? null : store().get(table, key.id());
            if (ifMatch != null) {
                if (existing == null) {
                    throw KeyResolver.notFound(table, keyText);
                }
                checkEtag(existing, ifMatch);
            }
            if (existing != null && createOnly) {
                throw new ApiException(412, DataverseErrorCodes.DUPLICATE_RECORD,
                        "A record with matching key values already exists.");
            }
            if (existing == null) {
                created[0] = true;
                return store().get(table, createFromKey(tx, request, table, key, body));
            }
            return updateRow(tx, request, table, existing.id(), stripKey(table, key, body));
        });
        Preferences prefs = Preferences.of(request.headers());
        if (prefs.returnRepresentation()) {
            return representation(request, table, row, created[0] ? 201 : 200);
        }
        return ApiResponse.of(204).header("OData-Version", "4.0").header(DataverseHeaders.ODATA_ENTITY_ID,
                entityId(request, table, KeyResolver.keyText(table, resolved[0], row.id())));
    }

    /** {@code DELETE accounts(key)}: 204; 404 when missing; 412 on a stale If-Match. */
    public ApiResponse delete(ApiRequest request, TableDef table, String keyText) {
        String ifMatch = request.headers().first(DataverseHeaders.IF_MATCH);
        store().write(tx -> {
            Row existing = existing(table, keyText);
            if (ifMatch != null) {
                checkEtag(existing, ifMatch);
            }
            deleteRow(tx, request, table, existing);
            return null;
        });
        return ApiResponse.of(204).header("OData-Version", "4.0");
    }

    /** {@code PUT accounts(id)/name} with {@code {"value":…}}. */
    public ApiResponse putProperty(ApiRequest request, TableDef table, ResourcePath path) {
        ColumnDef column = writableColumn(table, path.get(1).name());
        ObjectNode body = Json.parseObject(request.body(), table.entitySetName());
        if (!body.has("value")) {
            throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                    "The body of a single-property PUT must be {\"value\": …}.");
        }
        Object value = ValueCodec.fromJson(table, column, body.get("value"));
        setColumn(request, table, path.get(0).key(), column, value);
        return ApiResponse.of(204).header("OData-Version", "4.0");
    }

    /** {@code DELETE accounts(id)/description}: clears one column. */
    public ApiResponse deleteProperty(ApiRequest request, TableDef table, ResourcePath path) {
        ColumnDef column = writableColumn(table, path.get(1).name());
        setColumn(request, table, path.get(0).key(), column, null);
        return ApiResponse.of(204).header("OData-Version", "4.0");
    }

    /** {@code POST accounts(id)/contact_customer_accounts/$ref} with {@code {"@odata.id":…}}. */
    public ApiResponse associate(ApiRequest request, ResourcePath path, TableDef table) {
        RelationshipDef rel = collection(table, path.get(1).name());
        String ref = referenceBody(request, table);
        store().write(tx -> {
            Row parent = existing(table, path.get(0).key());
            EntityReferences.Ref child = EntityReferences.resolve(store(), ref, "@odata.id");
            requireTable(child.table(), rel.referencingTable(), path.get(1).name());
            TableDef childTable = child.table();
            Row row = store().get(childTable, child.id());
            Object current = row.get(childTable.indexOf(rel.lookupColumn()));
            if (current instanceof LookupValue l && l.id().equals(parent.id())) {
                throw new ApiException(400, DataverseErrorCodes.DUPLICATE_RECORD,
                        "Cannot insert duplicate key: the records are already associated through '"
                                + rel.schemaName() + "'.");
            }
            setLookup(tx, request, childTable, row, rel.lookupColumn(), new LookupValue(table.logicalName(),
                    parent.id()));
            return null;
        });
        return ApiResponse.of(204).header("OData-Version", "4.0");
    }

    /** {@code PUT contacts(id)/parentcustomerid_account/$ref} with {@code {"@odata.id":…}}. */
    public ApiResponse setReference(ApiRequest request, ResourcePath path, TableDef table) {
        RelationshipDef rel = single(table, path.get(1).name());
        String ref = referenceBody(request, table);
        store().write(tx -> {
            Row row = existing(table, path.get(0).key());
            EntityReferences.Ref target = EntityReferences.resolve(store(), ref, "@odata.id");
            requireTable(target.table(), rel.referencedTable(), path.get(1).name());
            setLookup(tx, request, table, row, rel.lookupColumn(), new LookupValue(target.table().logicalName(),
                    target.id()));
            return null;
        });
        return ApiResponse.of(204).header("OData-Version", "4.0");
    }

    /**
     * {@code DELETE contacts(id)/parentcustomerid_account/$ref},
     * {@code DELETE accounts(id)/contact_customer_accounts(childId)/$ref} or
     * {@code DELETE accounts(id)/contact_customer_accounts/$ref?$id=…}.
     */
    public ApiResponse removeReference(ApiRequest request, ResourcePath path, TableDef table) {
        String navName = path.get(1).name();
        RelationshipDef single = store().schema().singleNavigation(table.logicalName(), navName);
        store().write(tx -> {
            Row row = existing(table, path.get(0).key());
            if (single != null) {
                if (path.get(1).hasKey()) {
                    throw ApiException.badRequest(DataverseErrorCodes.QUERY_NOT_SUPPORTED,
                            "A single-valued navigation property takes no key in a $ref request.");
                }
                setLookup(tx, request, table, row, single.lookupColumn(), null);
                return null;
            }
            RelationshipDef rel = collection(table, navName);
            TableDef childTable = store().schema().table(rel.referencingTable());
            UUID childId;
            if (path.get(1).hasKey()) {
                KeyResolver.ResolvedKey k = KeyResolver.resolve(store(), childTable, path.get(1).key());
                childId = k.id();
            } else {
                String id = request.query("$id");
                if (id == null) {
                    throw ApiException.badRequest(DataverseErrorCodes.QUERY_NOT_SUPPORTED,
                            "Removing a record from '" + navName + "' needs its key in the path or a $id query.");
                }
                childId = EntityReferences.resolve(store(), id, "$id").id();
            }
            Row child = childId == null ? null : store().get(childTable, childId);
            Object current = child == null ? null : child.get(childTable.indexOf(rel.lookupColumn()));
            if (!(current instanceof LookupValue l) || !l.id().equals(row.id())) {
                throw KeyResolver.notFound(childTable, String.valueOf(childId));
            }
            setLookup(tx, request, childTable, child, rel.lookupColumn(), null);
            return null;
        });
        return ApiResponse.of(204).header("OData-Version", "4.0");
    }

    // ---- record operations (also used by $batch parts and bulk messages) ----

    /** Creates a row from a JSON body (binds, deep insert, defaults); returns the new id. */
    public UUID createRow(OrgStore.Tx tx, ApiRequest request, TableDef table, ObjectNode body) {
        Object[] values = new Object[table.columns().size()];
        BodyApplier.Pending pending = BodyApplier.apply(store(), table, values, body, true,
                (t, b) -> createRow(tx, request, t, b));
        if (values[0] == null) {
            values[0] = UUID.randomUUID();
        }
        UUID id = (UUID) values[0];
        if (store().get(table, id) != null) {
            throw new ApiException(412, DataverseErrorCodes.DUPLICATE_RECORD,
                    "Cannot insert duplicate key: a " + table.logicalName() + " with id " + id + " already exists.");
        }
        long version = tx.nextVersion();
        SystemColumns.stampCreate(table, values, version, now(), request.caller().userId());
        tx.insert(table, new Row(id, version, values));
        finish(tx, request, table, id, pending);
        return id;
    }

    /** Updates an existing row with a JSON body; a 404 when it is missing. */
    public Row updateRow(OrgStore.Tx tx, ApiRequest request, TableDef table, UUID id, ObjectNode body) {
        Row existing = store().get(table, id);
        if (existing == null) {
            throw KeyResolver.notFound(table, id.toString());
        }
        Object[] values = existing.copyValues();
        BodyApplier.Pending pending = BodyApplier.apply(store(), table, values, body, false,
                (t, b) -> createRow(tx, request, t, b));
        long version = tx.nextVersion();
        SystemColumns.stampUpdate(table, values, version, now(), request.caller().userId());
        Row row = new Row(id, version, values);
        tx.replace(table, existing, row);
        finish(tx, request, table, id, pending);
        return store().get(table, id);
    }

    /** Upsert by key text as in a URL ({@code guid} or {@code accountnumber='A-1'}); true when it created. */
    public boolean upsertRow(OrgStore.Tx tx, ApiRequest request, TableDef table, String keyText, ObjectNode body) {
        KeyResolver.ResolvedKey key = KeyResolver.resolve(store(), table, keyText);
        Row existing = key.id() == null ? null : store().get(table, key.id());
        if (existing == null) {
            createFromKey(tx, request, table, key, body);
            return true;
        }
        updateRow(tx, request, table, existing.id(), stripKey(table, key, body));
        return false;
    }

    /** Deletes a row; lookups pointing at it are cleared (the relationship's "remove link" behaviour). */
    public void deleteRow(OrgStore.Tx tx, ApiRequest request, TableDef table, Row row) {
        for (RelationshipDef rel : store().schema().collectionNavigations(table.logicalName())) {
            TableDef child = store().schema().table(rel.referencingTable());
            int col = child.indexOf(rel.lookupColumn());
            for (Row r : store().rows(child).values().stream()
                    .filter(r -> r.get(col) instanceof LookupValue l && l.id().equals(row.id())).toList()) {
                if (!(child == table && r.id().equals(row.id()))) {
                    setLookup(tx, request, child, r, rel.lookupColumn(), null);
                }
            }
        }
        tx.delete(table, store().get(table, row.id()));
    }

    // ---- internals ----

    private UUID createFromKey(OrgStore.Tx tx, ApiRequest request, TableDef table, KeyResolver.ResolvedKey key,
            ObjectNode body) {
        ObjectNode merged = body.deepCopy();
        for (Map.Entry<String, Object> e : key.values().entrySet()) {
            ColumnDef col = table.column(e.getKey());
            if (col.type().isLookup() || merged.has(e.getKey())) {
                continue; // body values win (fact sheet §B.5)
            }
            merged.set(e.getKey(), toJson(col, e.getValue()));
        }
        if (!key.byAlternateKey()) {
            merged.put(table.primaryIdAttribute(), key.id().toString());
        }
        UUID id = createRow(tx, request, table, merged);
        if (key.byAlternateKey()) { // a lookup key column: set it from the URL when the body did not bind it
            Row row = store().get(table, id);
            Object[] values = row.copyValues();
            boolean changed = false;
            for (Map.Entry<String, Object> e : key.values().entrySet()) {
                int i = table.indexOf(e.getKey());
                if (values[i] == null) {
                    values[i] = e.getValue();
                    changed = true;
                }
            }
            if (changed) {
                tx.replace(table, row, new Row(id, row.version(), values));
            }
        }
        return id;
    }

    private static JsonNode toJson(ColumnDef col, Object v) {
        ObjectNode holder = Json.object();
        if (v instanceof String s) {
            holder.put("v", s);
        } else if (v instanceof Integer i) {
            holder.put("v", i);
        } else if (v instanceof Long l) {
            holder.put("v", l);
        } else if (v instanceof java.math.BigDecimal d) {
            holder.put("v", d);
        } else if (v instanceof Double d) {
            holder.put("v", d);
        } else if (v instanceof Boolean b) {
            holder.put("v", b);
        } else if (v instanceof Instant t) {
            holder.put("v", ValueCodec.formatDateTime(t));
        } else {
            holder.put("v", String.valueOf(v));
        }
        return holder.get("v");
    }

    /** On update by alternate key, key columns in the body are ignored: the addressed key cannot change. */
    private static ObjectNode stripKey(TableDef table, KeyResolver.ResolvedKey key, ObjectNode body) {
        if (!key.byAlternateKey()) {
            return body;
        }
        ObjectNode copy = body.deepCopy();
        key.values().keySet().forEach(copy::remove);
        return copy;
    }

    private void finish(OrgStore.Tx tx, ApiRequest request, TableDef table, UUID id, BodyApplier.Pending pending) {
        for (BodyApplier.DeepInsert d : pending.inserts()) {
            TableDef childTable = store().schema().table(d.relationship().referencingTable());
            ObjectNode child = d.body().deepCopy();
            String nav = d.relationship().navigationProperty();
            child.remove(nav + "@odata.bind");
            child.put(nav + "@odata.bind", "/" + table.entitySetName() + "(" + id + ")");
            createRow(tx, request, childTable, child);
        }
        for (BodyApplier.CollectionBind b : pending.binds()) {
            TableDef childTable = b.child().table();
            Row child = store().get(childTable, b.child().id());
            setLookup(tx, request, childTable, child, b.relationship().lookupColumn(),
                    new LookupValue(table.logicalName(), id));
        }
    }

    private void setLookup(OrgStore.Tx tx, ApiRequest request, TableDef table, Row row, String column,
            LookupValue value) {
        Object[] values = row.copyValues();
        values[table.indexOf(column)] = value;
        long version = tx.nextVersion();
        SystemColumns.stampUpdate(table, values, version, now(), request.caller().userId());
        tx.replace(table, row, new Row(row.id(), version, values));
    }

    private void setColumn(ApiRequest request, TableDef table, String keyText, ColumnDef column, Object value) {
        store().write(tx -> {
            Row row = existing(table, keyText);
            Object[] values = row.copyValues();
            values[table.indexOf(column.name())] = value;
            long version = tx.nextVersion();
            SystemColumns.stampUpdate(table, values, version, now(), request.caller().userId());
            tx.replace(table, row, new Row(row.id(), version, values));
            return null;
        });
    }

    private Row existing(TableDef table, String keyText) {
        KeyResolver.ResolvedKey key = KeyResolver.resolve(store(), table, keyText);
        Row row = key.id() == null ? null : store().get(table, key.id());
        if (row == null) {
            throw KeyResolver.notFound(table, keyText);
        }
        return row;
    }

    private static void checkEtag(Row existing, String ifMatch) {
        String expected = ifMatch.trim();
        if (!expected.equals("*") && !expected.equals(existing.etag())) {
            throw new ApiException(412, DataverseErrorCodes.CONCURRENCY_VERSION_MISMATCH,
                    "The version of the existing record doesn't match the RowVersion property provided.");
        }
    }

    private ColumnDef writableColumn(TableDef table, String name) {
        ColumnDef column = table.column(name);
        if (column == null) {
            if (store().schema().singleNavigation(table.logicalName(), name) != null
                    || store().schema().collectionNavigation(table.logicalName(), name) != null) {
                throw ApiException.badRequest(DataverseErrorCodes.QUERY_NOT_SUPPORTED,
                        "'" + name + "' is a navigation property: change it with '" + name + "/$ref'.");
            }
            throw BodyApplier.unknownProperty(table, name);
        }
        if (column.type().isLookup() || SystemColumns.isServerKept(table, column) || column == table.columns().get(0)) {
            throw ApiException.badRequest(DataverseErrorCodes.QUERY_NOT_SUPPORTED,
                    "The property '" + name + "' of '" + table.logicalName() + "' cannot be set this way.");
        }
        return column;
    }

    private RelationshipDef collection(TableDef table, String name) {
        RelationshipDef rel = store().schema().collectionNavigation(table.logicalName(), name);
        if (rel == null) {
            throw ApiException.badRequest(DataverseErrorCodes.QUERY_NOT_SUPPORTED,
                    "Could not find a collection-valued navigation property named '" + name
                            + "' on type 'Microsoft.Dynamics.CRM." + table.logicalName() + "'.");
        }
        return rel;
    }

    private RelationshipDef single(TableDef table, String name) {
        RelationshipDef rel = store().schema().singleNavigation(table.logicalName(), name);
        if (rel == null) {
            throw ApiException.badRequest(DataverseErrorCodes.QUERY_NOT_SUPPORTED,
                    "Could not find a single-valued navigation property named '" + name
                            + "' on type 'Microsoft.Dynamics.CRM." + table.logicalName() + "'.");
        }
        return rel;
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

    private ApiResponse representation(ApiRequest request, TableDef table, Row row, int status) {
        ApiResponse r = ApiResponse.json(status, reads.representation(request, table, row));
        r.header(DataverseHeaders.PREFERENCE_APPLIED, DataverseHeaders.PREFER_RETURN_REPRESENTATION);
        r.header(DataverseHeaders.ETAG, row.etag());
        return r;
    }

    private static String entityId(ApiRequest request, TableDef table, String keyText) {
        return request.baseUrl() + table.entitySetName() + "(" + keyText + ")";
    }

    private Instant now() {
        return ctx.clock().instant();
    }
}
