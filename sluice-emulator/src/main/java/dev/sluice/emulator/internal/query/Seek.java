package dev.sluice.emulator.internal.query;

import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.schema.KeyDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The rows a {@code $filter} of one {@code Microsoft.Dynamics.CRM.In} on the primary id or on the only
 * column of an alternate key can match, found through the id or the key's index instead of a scan (as
 * SQL Server uses the clustered index or the key's unique index). The filter is still applied to them,
 * so the answer is the same as a scan's. Immutable.
 *
 * @param key the alternate key, or null for the primary id
 * @param values the values asked for, typed for the column
 */
record Seek(KeyDef key, List<Object> values) {
    Seek {
        values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    /** The candidate rows by id, in id order. */
    NavigableMap<UUID, Row> rows(OrgStore store, TableDef table) {
        NavigableMap<UUID, Row> out = new TreeMap<>();
        for (Object v : values) {
            if (v == null) {
                continue;
            }
            UUID id = key == null ? (UUID) v : store.findByKey(table, key, List.of(v));
            Row row = id == null ? null : store.get(table, id);
            if (row != null) {
                out.put(id, row);
            }
        }
        return out;
    }
}
