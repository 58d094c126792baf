package dev.sluice.store.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Names the fields that differ between two records of the same type, descending into nested records
 * ({@code auth.clientId}, {@code options.pageSize}). Names only, never values. Stateless, thread-safe.
 */
public final class SettingsDiff {
    private SettingsDiff() {}

    /** Dotted names of the components that differ. */
    public static List<String> changed(Record before, Record after) {
        List<String> out = new ArrayList<>();
        collect("", before, after, out);
        return out;
    }

    private static void collect(String prefix, Record before, Record after, List<String> out) {
        for (RecordComponent component : before.getClass().getRecordComponents()) {
            Object a = value(component, before);
            Object b = value(component, after);
            if (Objects.equals(a, b)) {
                continue;
            }
            if (a instanceof Record ra && b instanceof Record rb && ra.getClass() == rb.getClass()
                    && ra.getClass().getRecordComponents().length > 1) {
                collect(prefix + component.getName() + ".", ra, rb, out);
            } else {
                out.add(prefix + component.getName());
            }
        }
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }
}
