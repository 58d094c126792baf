package dev.sluice.flow.internal.check;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.NearestName;
import dev.sluice.core.TableSchema;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.flow.ColumnMapping;
import dev.sluice.flow.Mapping;
import dev.sluice.flow.internal.ColumnRule;
import dev.sluice.flow.internal.Expression;
import dev.sluice.flow.internal.ExpressionCompiler;
import dev.sluice.flow.internal.LookupRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code {lookup: TABLE, key: {ALTKEYCOL: CEL}}}: a lookup column of a Dataverse target that can point to the table,
 * bound by one of its alternate keys, with values that compile. Thread-safe.
 */
final class LookupCheck {
    private LookupCheck() {}

    static ColumnRule check(FlowCheck c, ExpressionCompiler cel, Sides sides, Mapping.Lookup l, ColumnMapping m,
            ColumnSchema col, String path) {
        if (col.kind() != ColumnKind.LOOKUP) {
            c.add(path, "map '" + m.target() + "': {lookup: …} needs a lookup column, but '" + m.target() + "' is "
                    + col.kind().name().toLowerCase(Locale.ROOT), null);
            return null;
        }
        if (!(sides.targetProvider() instanceof DataverseRecordProvider dv)) {
            c.add(path, "map '" + m.target() + "': lookups by alternate key need a Dataverse target", null);
            return null;
        }
        if (!col.targets().contains(l.table())) {
            c.add(path + ".lookup", "column '" + m.target() + "' cannot point to '" + l.table() + "'; it points to "
                    + String.join(" or ", col.targets()), NearestName.of(l.table(), col.targets()));
            return null;
        }
        TableSchema lt = c.describe(sides.target(), l.table(), path + ".lookup");
        if (lt == null) {
            return null;
        }
        boolean ok = alternateKey(c, l, lt, path);
        Map<String, Expression> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : l.key().entrySet()) {
            Expression x = c.expression(cel, e.getValue(), path + ".key." + e.getKey());
            if (x != null) {
                values.put(e.getKey(), x);
            }
        }
        if (!ok || values.size() != l.key().size()) {
            return null;
        }
        return LookupRule.of(dv, c.def().target().table(), m.target(), l.table(), lt, values);
    }

    /** Whether the key's columns exist on the looked-up table and are one of its alternate keys. */
    private static boolean alternateKey(FlowCheck c, Mapping.Lookup l, TableSchema lt, String path) {
        List<String> keyColumns = List.copyOf(l.key().keySet());
        boolean ok = true;
        for (String k : keyColumns) {
            if (lt.column(k).isEmpty()) {
                c.add(path + ".key." + k + "#key", "unknown column '" + k + "' on table '" + l.table() + "'",
                        NearestName.of(k, FlowCheck.names(lt)));
                ok = false;
            }
        }
        if (ok && !lt.uniqueKeys().stream().anyMatch(u -> u.size() == keyColumns.size()
                && u.containsAll(keyColumns))) {
            c.add(path + ".key", "columns " + keyColumns + " are not an alternate key of '" + l.table()
                    + "'; its alternate keys are " + lt.uniqueKeys(), null);
            ok = false;
        }
        return ok;
    }
}
