package dev.sluice.emulator.internal.query;

import dev.sluice.emulator.internal.data.LookupValue;
import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.schema.RelationshipDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one read request evaluates against: the store (read under its shared lock for the whole
 * request), the clock, the caller, and indexes of 1:N relationships built on first use so that
 * {@code any}/{@code all} and collection {@code $expand} cost one pass over the child table. Not
 * thread-safe: confined to the request's thread.
 */
final class QueryScope {
    private final OrgStore store;
    private final Clock clock;
    private final UUID callerId;
    private final Map<String, Map<UUID, List<Row>>> children = new HashMap<>();

    QueryScope(OrgStore store, Clock clock, UUID callerId) {
        this.store = store;
        this.clock = clock;
        this.callerId = callerId;
    }

    OrgStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    UUID callerId() {
        return callerId;
    }

    TableDef table(String logicalName) {
        return store.schema().table(logicalName);
    }

    /** The row a lookup value points at, or null when it is empty, of another table, or gone. */
    Row target(Object lookup, String table) {
        if (lookup instanceof LookupValue l && l.table().equals(table)) {
            return store.get(table(table), l.id());
        }
        return null;
    }

    /** Rows of the relationship's referencing table pointing at {@code parentId}, ordered by id. */
    List<Row> children(RelationshipDef r, UUID parentId) {
        Map<UUID, List<Row>> index = children.computeIfAbsent(r.schemaName(), k -> index(r));
        List<Row> rows = index.get(parentId);
        return rows == null ? List.of() : rows;
    }

    private Map<UUID, List<Row>> index(RelationshipDef r) {
        TableDef child = table(r.referencingTable());
        int col = child.indexOf(r.lookupColumn());
        Map<UUID, List<Row>> index = new HashMap<>();
        for (Row row : store.rows(child).values()) {
            if (row.get(col) instanceof LookupValue l && l.table().equals(r.referencedTable())) {
                index.computeIfAbsent(l.id(), k -> new ArrayList<>()).add(row);
            }
        }
        return index;
    }
}
