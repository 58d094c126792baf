package dev.sluice.emulator.internal.write;

import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.data.KeyResolver;
import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.data.SystemColumns;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.schema.TableDef;
import java.time.Instant;

/**
 * The rows the writes act on: finding an addressed row, and replacing one column of a row as a new version with
 * its system columns stamped (modified on/by, version number). Thread-safe.
 */
final class StoredRows {
    private final EmulatorContext ctx;

    StoredRows(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    OrgStore store() {
        return ctx.store();
    }

    Instant now() {
        return ctx.clock().instant();
    }

    /** The row a URL key addresses ({@code guid} or {@code accountnumber='A-1'}); a 404 when there is none. */
    Row existing(TableDef table, String keyText) {
        KeyResolver.ResolvedKey key = KeyResolver.resolve(store(), table, keyText);
        Row row = key.id() == null ? null : store().get(table, key.id());
        if (row == null) {
            throw KeyResolver.notFound(table, keyText);
        }
        return row;
    }

    /** Replaces {@code row} by a new version with {@code column} set to {@code value}, stamped as an update. */
    void setColumn(OrgStore.Tx tx, ApiRequest request, TableDef table, Row row, String column, Object value) {
        Object[] values = row.copyValues();
        values[table.indexOf(column)] = value;
        long version = tx.nextVersion();
        SystemColumns.stampUpdate(table, values, version, now(), request.caller().userId());
        tx.replace(table, row, new Row(row.id(), version, values));
    }
}
