package dev.sluice.emulator.internal.data;

import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.schema.KeyDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The rows of one table, ordered by primary id (the default order of a Dataverse query), with an index
 * per alternate key and the tombstones of deleted rows. Not thread-safe: {@link OrgStore} guards it.
 */
final class TableData {
    private final TableDef def;
    private final TreeMap<UUID, Row> rows = new TreeMap<>();
    private final Map<String, Map<List<Object>, UUID>> keyIndexes = new HashMap<>();
    private final ArrayList<Tombstone> tombstones = new ArrayList<>();

    TableData(TableDef def) {
        this.def = def;
        for (KeyDef k : def.keys()) {
            keyIndexes.put(k.name(), new HashMap<>());
        }
    }

    TableDef def() {
        return def;
    }

    Row get(UUID id) {
        return rows.get(id);
    }

    NavigableMap<UUID, Row> rows() {
        return Collections.unmodifiableNavigableMap(rows);
    }

    int size() {
        return rows.size();
    }

    UUID findByKey(KeyDef key, List<Object> values) {
        return keyIndexes.get(key.name()).get(normalize(values));
    }

    List<Tombstone> tombstones() {
        return Collections.unmodifiableList(tombstones);
    }

    /** Puts a row (insert or replace), keeping key indexes; checks alternate-key uniqueness first. */
    void put(Row previous, Row row) {
        for (KeyDef k : def.keys()) {
            List<Object> values = keyValues(k, row);
            if (values == null) {
                continue;
            }
            UUID owner = keyIndexes.get(k.name()).get(values);
            if (owner != null && !owner.equals(row.id())) {
                throw new ApiException(412, DataverseErrorCodes.DUPLICATE_RECORD_ENTITY_KEY,
                        "Entity Key " + k.name() + " violated. A record with the same value for "
                                + String.join(",", k.columns()) + " already exists. A duplicate record cannot be "
                                + "created. Try this action again using an unique value.");
            }
        }
        if (previous != null) {
            unindex(previous);
        }
        for (KeyDef k : def.keys()) {
            List<Object> values = keyValues(k, row);
            if (values != null) {
                keyIndexes.get(k.name()).put(values, row.id());
            }
        }
        rows.put(row.id(), row);
    }

    void remove(Row row) {
        unindex(row);
        rows.remove(row.id());
    }

    void addTombstone(Tombstone t) {
        tombstones.add(t);
    }

    void removeLastTombstone() {
        tombstones.remove(tombstones.size() - 1);
    }

    private void unindex(Row row) {
        for (KeyDef k : def.keys()) {
            List<Object> values = keyValues(k, row);
            if (values != null) {
                keyIndexes.get(k.name()).remove(values, row.id());
            }
        }
    }

    private List<Object> keyValues(KeyDef key, Row row) {
        List<Object> values = new ArrayList<>(key.columns().size());
        for (String col : key.columns()) {
            Object v = row.get(def.indexOf(col));
            if (v == null) {
                return null; // rows with an empty key column are not indexed
            }
            values.add(v);
        }
        return normalize(values);
    }

    /** Key comparison follows SQL Server's default collation: strings are case-insensitive. */
    static List<Object> normalize(List<Object> values) {
        List<Object> out = new ArrayList<>(values.size());
        for (Object v : values) {
            if (v instanceof String s) {
                out.add(s.toLowerCase(Locale.ROOT));
            } else if (v instanceof LookupValue l) {
                out.add(l.id());
            } else if (v instanceof java.math.BigDecimal d) {
                out.add(d.stripTrailingZeros());
            } else {
                out.add(v);
            }
        }
        return out;
    }
}
