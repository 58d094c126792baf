package dev.sluice.emulator.internal.identity;

import dev.sluice.emulator.internal.data.LookupValue;
import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.http.Caller;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps a token's user ({@code oid} → {@code systemuser.azureactivedirectoryobjectid}) or app
 * ({@code appid} → {@code systemuser.applicationid}) to the systemuser it acts as. Found ids are
 * cached and re-checked against the row on every use, so deleted or changed users are noticed.
 * Thread-safe.
 */
final class CallerDirectory {
    private final OrgStore store;
    private final TableDef table;
    private final int objectId;
    private final int applicationId;
    private final int businessUnit;
    private final Map<String, UUID> cache = new ConcurrentHashMap<>();

    CallerDirectory(OrgStore store) {
        this.store = store;
        this.table = store.schema().table("systemuser");
        this.objectId = table.indexOf("azureactivedirectoryobjectid");
        this.applicationId = table.indexOf("applicationid");
        this.businessUnit = table.indexOf("businessunitid");
    }

    Caller user(String oid) {
        return find("user:", objectId, oid);
    }

    Caller application(String appId) {
        return find("app:", applicationId, appId);
    }

    private Caller find(String kind, int column, String value) {
        UUID id;
        try {
            id = value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            // not a GUID: no such caller
            return null;
        }
        if (id == null) {
            return null;
        }
        return store.read(() -> {
            UUID cached = cache.get(kind + id);
            Row row = cached == null ? null : store.get(table, cached);
            if (row == null || !id.equals(row.get(column))) {
                row = store.rows(table).values().stream().filter(r -> id.equals(r.get(column))).findFirst()
                        .orElse(null);
            }
            if (row == null) {
                return null;
            }
            cache.put(kind + id, row.id());
            Object bu = row.get(businessUnit);
            UUID buId = bu instanceof LookupValue l ? l.id() : null;
            return new Caller(row.id(), buId, id.toString());
        });
    }
}
