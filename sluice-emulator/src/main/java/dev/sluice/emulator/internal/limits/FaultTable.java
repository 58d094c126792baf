package dev.sluice.emulator.internal.limits;

import dev.sluice.emulator.ActiveFault;
import dev.sluice.emulator.FaultSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults armed in one emulator, in the order they were added. A request takes one use of the
 * first matching fault that has uses left; exhausted faults are dropped. Thread-safe; the check is
 * one volatile read when no fault is armed.
 */
public final class FaultTable {
    private final List<ArmedFault> faults = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    public ActiveFault add(FaultSpec spec) {
        ArmedFault f = new ArmedFault(Long.toString(ids.incrementAndGet()), spec);
        faults.add(f);
        return f.snapshot();
    }

    /** The faults that still have uses left, oldest first. */
    public List<ActiveFault> list() {
        List<ActiveFault> out = new ArrayList<>();
        for (ArmedFault f : faults) {
            if (!f.exhausted()) {
                out.add(f.snapshot());
            }
        }
        return out;
    }

    /** Removes one fault; false when no armed fault has this id. */
    public boolean remove(String id) {
        return faults.removeIf(f -> f.id().equals(id));
    }

    public void clear() {
        faults.clear();
    }

    /** Takes one use of the first fault matching this request, or returns null. */
    public FaultSpec take(String method, String rawPath) {
        if (faults.isEmpty()) {
            return null;
        }
        for (ArmedFault f : faults) {
            if (f.matches(method, rawPath) && f.take()) {
                if (f.exhausted()) {
                    faults.remove(f);
                }
                return f.spec();
            }
        }
        return null;
    }
}
