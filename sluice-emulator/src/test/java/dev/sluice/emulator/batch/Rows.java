package dev.sluice.emulator.batch;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.internal.data.LookupValue;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.UUID;

/** Reads rows straight from an emulator's store, to check what a batch or bulk message stored. */
final class Rows {
    private final Emulator emulator;

    Rows(Emulator emulator) {
        this.emulator = emulator;
    }

    private TableDef table(String logicalName) {
        return emulator.context().store().schema().table(logicalName);
    }

    boolean exists(String table, UUID id) {
        var store = emulator.context().store();
        return store.read(() -> store.get(table(table), id)) != null;
    }

    Object value(String table, UUID id, String column) {
        var store = emulator.context().store();
        Row r = store.read(() -> store.get(table(table), id));
        Object v = r == null ? null : r.get(table(table).indexOf(column));
        return v instanceof LookupValue l ? l.id() : v;
    }

    int count(String table) {
        var store = emulator.context().store();
        return store.read(() -> store.count(table(table)));
    }

    static UUID idFromEntityId(String entityId) {
        int open = entityId.lastIndexOf('(');
        return UUID.fromString(entityId.substring(open + 1, entityId.length() - 1));
    }
}
