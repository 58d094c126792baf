package dev.sluice.emulator.internal.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.emulator.internal.data.KeyResolver;
import dev.sluice.emulator.internal.data.LookupValue;
import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.data.SystemColumns;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.schema.RelationshipDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.Map;
import java.util.UUID;

/**
 * Create, update, upsert and delete of one record inside a transaction, as the single-row requests, {@code $batch}
 * parts and bulk messages all need them: binds, deep inserts, defaults and system columns. Thread-safe.
 */
final class RecordWrites {
    private final StoredRows rows;

    RecordWrites(StoredRows rows) {
        this.rows = rows;
    }

    private OrgStore store() {
        return rows.store();
    }

    /** Creates a row from a JSON body (binds, deep insert, defaults); returns the new id. */
    UUID createRow(OrgStore.Tx tx, ApiRequest request, TableDef table, ObjectNode body) {
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
        SystemColumns.stampCreate(table, values, version, rows.now(), request.caller().userId());
        tx.insert(table, new Row(id, version, values));
        finish(tx, request, table, id, pending);
        return id;
    }

    /** Updates an existing row with a JSON body; a 404 when it is missing. */
    Row updateRow(OrgStore.Tx tx, ApiRequest request, TableDef table, UUID id, ObjectNode body) {
        Row existing = store().get(table, id);
        if (existing == null) {
            throw KeyResolver.notFound(table, id.toString());
        }
        Object[] values = existing.copyValues();
        BodyApplier.Pending pending = BodyApplier.apply(store(), table, values, body, false,
                (t, b) -> createRow(tx, request, t, b));
        long version = tx.nextVersion();
        SystemColumns.stampUpdate(table, values, version, rows.now(), request.caller().userId());
        Row row = new Row(id, version, values);
        tx.replace(table, existing, row);
        finish(tx, request, table, id, pending);
        return store().get(table, id);
    }

    /** Upsert by key text as in a URL ({@code guid} or {@code accountnumber='A-1'}); true when it created. */
    boolean upsertRow(OrgStore.Tx tx, ApiRequest request, TableDef table, String keyText, ObjectNode body) {
        KeyResolver.ResolvedKey key = KeyResolver.resolve(store(), table, keyText);
        Row existing = key.id() == null ? null : store().get(table, key.id());
        if (existing == null) {
            createFromKey(tx, request, table, key, body);
            return true;
        }
        updateRow(tx, request, table, existing.id(), KeyBodies.withoutKey(key, body));
        return false;
    }

    /** Deletes a row; lookups pointing at it are cleared (the relationship's "remove link" behaviour). */
    void deleteRow(OrgStore.Tx tx, ApiRequest request, TableDef table, Row row) {
        for (RelationshipDef rel : store().schema().collectionNavigations(table.logicalName())) {
            TableDef child = store().schema().table(rel.referencingTable());
            int col = child.indexOf(rel.lookupColumn());
            for (Row r : store().rows(child).values().stream()
                    .filter(r -> r.get(col) instanceof LookupValue l && l.id().equals(row.id())).toList()) {
                if (!(child == table && r.id().equals(row.id()))) {
                    rows.setColumn(tx, request, child, r, rel.lookupColumn(), null);
                }
            }
        }
        tx.delete(table, store().get(table, row.id()));
    }

    /** Creates the row a key addresses, the key's values in it; returns the new id. */
    UUID createFromKey(OrgStore.Tx tx, ApiRequest request, TableDef table, KeyResolver.ResolvedKey key,
            ObjectNode body) {
        UUID id = createRow(tx, request, table, KeyBodies.withKey(table, key, body));
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
            rows.setColumn(tx, request, childTable, child, b.relationship().lookupColumn(),
                    new LookupValue(table.logicalName(), id));
        }
    }
}
