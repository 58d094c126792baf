package dev.sluice.emulator.internal.fetch;

import dev.sluice.emulator.internal.data.LookupValue;
import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The primary names of the rows lookups point at, as FetchXML sorts and formats them; each read from the store once
 * per request. Call under the store's read lock. Not thread-safe; one per request.
 */
final class LookupNames {
    private final OrgStore store;
    private final Map<UUID, String> names = new HashMap<>();

    LookupNames(OrgStore store) {
        this.store = store;
    }

    /** The target's primary name; null when its table has none or the row is gone. */
    String name(LookupValue l) {
        return names.computeIfAbsent(l.id(), id -> {
            TableDef t = store.schema().table(l.table());
            if (t == null || t.primaryNameAttribute() == null) {
                return null;
            }
            Row target = store.get(t, id);
            return target == null ? null : (String) target.get(t.indexOf(t.primaryNameAttribute()));
        });
    }
}
