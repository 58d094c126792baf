package dev.sluice.emulator.internal.data;

import dev.sluice.emulator.internal.SampleIds;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.OptionDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.time.Instant;
import java.util.UUID;

/**
 * Stamps the columns the server keeps: createdon/createdby on create, modifiedon/modifiedby and
 * versionnumber on every write, owner and default state/status on create. Stateless.
 */
public final class SystemColumns {
    private SystemColumns() {}

    public static void stampCreate(TableDef t, Object[] v, long version, Instant now, UUID callerId) {
        LookupValue caller = new LookupValue("systemuser", callerId);
        set(t, v, "createdon", now);
        set(t, v, "createdby", caller);
        if (t.userOwned()) {
            if (v[t.indexOf("ownerid")] == null) {
                set(t, v, "ownerid", caller);
            }
            set(t, v, "owningbusinessunit", new LookupValue("businessunit", SampleIds.ROOT_BUSINESS_UNIT));
        }
        int state = t.indexOf("statecode");
        int status = t.indexOf("statuscode");
        if (state >= 0 && v[state] == null) {
            v[state] = 0;
        }
        if (status >= 0 && v[status] == null) {
            int s = (Integer) v[state];
            for (OptionDef o : t.columns().get(status).options()) {
                if (o.state() == s) {
                    v[status] = o.value();
                    break;
                }
            }
        }
        stampUpdate(t, v, version, now, callerId);
    }

    public static void stampUpdate(TableDef t, Object[] v, long version, Instant now, UUID callerId) {
        set(t, v, "modifiedon", now);
        set(t, v, "modifiedby", new LookupValue("systemuser", callerId));
        set(t, v, "versionnumber", version);
        computeFullName(t, v);
    }

    /** contact, lead and systemuser compute fullname from first and last name, as Dataverse does. */
    private static void computeFullName(TableDef t, Object[] v) {
        int full = t.indexOf("fullname");
        int first = t.indexOf("firstname");
        int last = t.indexOf("lastname");
        if (full < 0 || first < 0 || last < 0) {
            return;
        }
        String f = (String) v[first];
        String l = (String) v[last];
        String name = ((f == null ? "" : f) + " " + (l == null ? "" : l)).trim();
        v[full] = name.isEmpty() ? null : name;
    }

    /** Whether a column is computed or kept by the server (writes to it are ignored). */
    public static boolean isServerKept(TableDef t, ColumnDef c) {
        return c.system() || (c.name().equals("fullname") && t.indexOf("firstname") >= 0);
    }

    private static void set(TableDef t, Object[] v, String column, Object value) {
        int i = t.indexOf(column);
        if (i >= 0) {
            v[i] = value;
        }
    }
}
