package dev.sluice.flow.internal.check;

import dev.sluice.core.ColumnSchema;
import dev.sluice.core.NearestName;
import dev.sluice.core.TableSchema;
import dev.sluice.core.WriteMode;
import dev.sluice.flow.TargetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The target's {@code key}: columns of the target, each mapped, together a unique key of the table (a file has
 * none to check). Thread-safe.
 */
public final class TargetKeyCheck {
    private TargetKeyCheck() {}

    /** The key as the target names its columns; empty for {@code write: create}. */
    public static List<String> check(FlowCheck c, Sides sides) {
        TargetSpec target = c.def().target();
        if (target.write() == WriteMode.CREATE) {
            return List.of();
        }
        TableSchema t = sides.targetTable();
        List<String> key = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < target.key().size(); i++) {
            String k = target.key().get(i);
            Optional<ColumnSchema> col = sides.targetColumn(k);
            if (col.isEmpty()) {
                c.add("target.key[" + i + "]", "unknown column '" + k + "' on table '" + t.name() + "'"
                        + FlowCheck.columnsOf(t), NearestName.of(k, FlowCheck.names(t)));
                ok = false;
                continue;
            }
            key.add(col.get().name());
            if (!mapped(c, sides, col.get())) {
                c.add("target.key[" + i + "]", "key column '" + k + "' is not mapped; add it to 'map' so every "
                        + "record has a key", null);
                ok = false;
            }
        }
        if (ok && !sides.fileTarget() && !t.isUniqueKey(key)) {
            c.add("target.key", "key " + target.key() + " is not a unique key of '" + t.name() + "'; its unique "
                    + "keys are " + uniqueKeys(t), null);
        }
        return key;
    }

    private static boolean mapped(FlowCheck c, Sides sides, ColumnSchema col) {
        return c.def().mappings().stream().anyMatch(m -> sides.targetColumn(m.target())
                .map(x -> x.name().equals(col.name())).orElse(false));
    }

    private static List<List<String>> uniqueKeys(TableSchema t) {
        List<List<String>> keys = new ArrayList<>();
        if (!t.primaryKey().isEmpty()) {
            keys.add(t.primaryKey());
        }
        keys.addAll(t.uniqueKeys());
        return keys;
    }
}
