package dev.sluice.emulator.query;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.internal.SampleIds;
import dev.sluice.emulator.internal.data.LookupValue;
import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.data.SystemColumns;
import dev.sluice.emulator.internal.schema.TableDef;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Inserts and deletes rows with chosen values straight through the store (writes over HTTP are not ours). */
final class TestRows {
    private TestRows() {}

    /** Inserts a row; values by logical column name; lookups as {@link LookupValue}. */
    static UUID insert(Emulator emulator, String table, Map<String, Object> values) {
        return insert(emulator, table, values, emulator.context().clock().instant());
    }

    static UUID insert(Emulator emulator, String table, Map<String, Object> values, Instant createdOn) {
        OrgStore store = emulator.context().store();
        TableDef t = store.schema().table(table);
        UUID id = values.containsKey(t.primaryIdAttribute()) ? (UUID) values.get(t.primaryIdAttribute())
                : UUID.randomUUID();
        return store.write(tx -> {
            Object[] v = new Object[t.columns().size()];
            v[0] = id;
            values.forEach((k, val) -> v[t.indexOf(k)] = val);
            long version = tx.nextVersion();
            SystemColumns.stampCreate(t, v, version, createdOn, SampleIds.DEMO_USER);
            tx.insert(t, new Row(id, version, v));
            return id;
        });
    }

    static void update(Emulator emulator, String table, UUID id, String column, Object value) {
        OrgStore store = emulator.context().store();
        TableDef t = store.schema().table(table);
        store.write(tx -> {
            Row old = store.get(t, id);
            Object[] v = old.copyValues();
            v[t.indexOf(column)] = value;
            long version = tx.nextVersion();
            SystemColumns.stampUpdate(t, v, version, emulator.context().clock().instant(), SampleIds.DEMO_USER);
            tx.replace(t, old, new Row(id, version, v));
            return null;
        });
    }

    static void delete(Emulator emulator, String table, UUID id) {
        OrgStore store = emulator.context().store();
        TableDef t = store.schema().table(table);
        store.write(tx -> {
            tx.delete(t, store.get(t, id));
            return null;
        });
    }

    static LookupValue ref(String table, UUID id) {
        return new LookupValue(table, id);
    }
}
