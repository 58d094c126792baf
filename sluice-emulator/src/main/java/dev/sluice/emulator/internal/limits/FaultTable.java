package dev.sluice.emulator.internal.limits;

import dev.sluice.emulator.ActiveFault;
import dev.sluice.emulator.FaultSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults armed in one emulator, in the order they were added. A request takes one use of the
 * first matching fault that has uses left, is inside its window and, for a fault with a fraction, wins
 * the draw; exhausted faults are dropped. The draws come from a fixed seed, so a run with the same
 * requests in the same order hits the same ones. Thread-safe; the check is one volatile read when no
 * fault is armed.
 */
public final class FaultTable {
    private final List<ArmedFault> faults = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final Clock clock;
    private final SplittableRandom random = new SplittableRandom(0x51_1CE);

    public FaultTable(Clock clock) {
        this.clock = clock;
    }

    public ActiveFault add(FaultSpec spec) {
        ArmedFault f = new ArmedFault(Long.toString(ids.incrementAndGet()), spec, clock.instant());
        faults.add(f);
        return f.snapshot();
    }

    /** The faults that still have uses and time left, oldest first. */
    public List<ActiveFault> list() {
        Instant now = clock.instant();
        List<ActiveFault> out = new ArrayList<>();
        for (ArmedFault f : faults) {
            if (!f.exhausted(now)) {
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

    /** Takes one use of the first fault hitting this request, or returns null. */
    public FaultSpec take(String method, String rawPath) {
        if (faults.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        for (ArmedFault f : faults) {
            if (f.exhausted(now)) {
                faults.remove(f);
                continue;
            }
            if (f.matches(method, rawPath) && drawn(f.spec().fraction()) && f.take()) {
                if (f.exhausted(now)) {
                    faults.remove(f);
                }
                return f.spec();
            }
        }
        return null;
    }

    private boolean drawn(double fraction) {
        if (fraction >= 1) {
            return true;
        }
        synchronized (random) {
            return random.nextDouble() < fraction;
        }
    }
}
