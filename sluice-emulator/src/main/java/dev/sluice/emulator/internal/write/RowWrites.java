package dev.sluice.emulator.internal.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.core.DataverseHeaders;
import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.data.KeyResolver;
import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.http.Preferences;
import dev.sluice.emulator.internal.http.ResourcePath;
import dev.sluice.emulator.internal.query.ReadHandler;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.UUID;

/**
 * Creates, updates, upserts and deletes rows from Web API requests (fact sheet §B.1, B.4–B.7), each in
 * one transaction: a request that fails changes nothing. The entry point of the package: the record operations
 * live in {@link RecordWrites}, single-column writes in {@link PropertyWrites}, {@code $ref} links in
 * {@link ReferenceWrites}. Thread-safe.
 */
public final class RowWrites {
    private final ReadHandler reads;
    private final StoredRows rows;
    private final RecordWrites records;
    private final PropertyWrites properties;
    private final ReferenceWrites references;

    public RowWrites(EmulatorContext ctx, ReadHandler reads) {
        this.reads = reads;
        this.rows = new StoredRows(ctx);
        this.records = new RecordWrites(rows);
        this.properties = new PropertyWrites(rows);
        this.references = new ReferenceWrites(rows);
    }

    private OrgStore store() {
        return rows.store();
    }

    // ---- HTTP operations ----

    /** {@code POST accounts}: 204 + OData-EntityId, or 201 + the row with return=representation. */
    public ApiResponse create(ApiRequest request, TableDef table) {
        ObjectNode body = Json.parseObject(request.body(), table.entitySetName());
        Row row = store().write(tx -> store().get(table, records.createRow(tx, request, table, body)));
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
            checkPreconditions(table, keyText, existing, ifMatch, createOnly);
            if (existing == null) {
                created[0] = true;
                return store().get(table, records.createFromKey(tx, request, table, key, body));
            }
            return records.updateRow(tx, request, table, existing.id(), KeyBodies.withoutKey(key, body));
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
            Row existing = rows.existing(table, keyText);
            if (ifMatch != null) {
                checkEtag(existing, ifMatch);
            }
            records.deleteRow(tx, request, table, existing);
            return null;
        });
        return ApiResponse.of(204).header("OData-Version", "4.0");
    }

    /** {@code PUT accounts(id)/name} with {@code {"value":…}}. */
    public ApiResponse putProperty(ApiRequest request, TableDef table, ResourcePath path) {
        return properties.putProperty(request, table, path);
    }

    /** {@code DELETE accounts(id)/description}: clears one column. */
    public ApiResponse deleteProperty(ApiRequest request, TableDef table, ResourcePath path) {
        return properties.deleteProperty(request, table, path);
    }

    /** {@code POST accounts(id)/contact_customer_accounts/$ref} with {@code {"@odata.id":…}}. */
    public ApiResponse associate(ApiRequest request, ResourcePath path, TableDef table) {
        return references.associate(request, path, table);
    }

    /** {@code PUT contacts(id)/parentcustomerid_account/$ref} with {@code {"@odata.id":…}}. */
    public ApiResponse setReference(ApiRequest request, ResourcePath path, TableDef table) {
        return references.setReference(request, path, table);
    }

    /** {@code DELETE …/$ref} of a single-valued or collection-valued navigation property. */
    public ApiResponse removeReference(ApiRequest request, ResourcePath path, TableDef table) {
        return references.removeReference(request, path, table);
    }

    // ---- record operations (also used by $batch parts and bulk messages) ----

    /** Creates a row from a JSON body (binds, deep insert, defaults); returns the new id. */
    public UUID createRow(OrgStore.Tx tx, ApiRequest request, TableDef table, ObjectNode body) {
        return records.createRow(tx, request, table, body);
    }

    /** Updates an existing row with a JSON body; a 404 when it is missing. */
    public Row updateRow(OrgStore.Tx tx, ApiRequest request, TableDef table, UUID id, ObjectNode body) {
        return records.updateRow(tx, request, table, id, body);
    }

    /** Upsert by key text as in a URL ({@code guid} or {@code accountnumber='A-1'}); true when it created. */
    public boolean upsertRow(OrgStore.Tx tx, ApiRequest request, TableDef table, String keyText, ObjectNode body) {
        return records.upsertRow(tx, request, table, keyText, body);
    }

    /** Deletes a row; lookups pointing at it are cleared (the relationship's "remove link" behaviour). */
    public void deleteRow(OrgStore.Tx tx, ApiRequest request, TableDef table, Row row) {
        records.deleteRow(tx, request, table, row);
    }

    // ---- etags and answers ----

    /** If-Match needs the row and its etag; If-None-Match: * needs no row. */
    private static void checkPreconditions(TableDef table, String keyText, Row existing, String ifMatch,
            boolean createOnly) {
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
    }

    private static void checkEtag(Row existing, String ifMatch) {
        String expected = ifMatch.trim();
        if (!expected.equals("*") && !expected.equals(existing.etag())) {
            throw new ApiException(412, DataverseErrorCodes.CONCURRENCY_VERSION_MISMATCH,
                    "The version of the existing record doesn't match the RowVersion property provided.");
        }
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
}
