package dev.sluice.emulator;

import dev.sluice.emulator.internal.limits.FaultTable;
import java.util.List;
import java.util.Objects;

/**
 * Injects faults into a running emulator: "the next N requests matching a method and a path get a
 * 429, a 5xx, a delay, a dropped connection or a 401". Every HTTP request is checked before routing,
 * identity endpoints included; admin paths ({@code /_emulator/…}) never are. A request gets at most
 * one fault: the oldest armed one that matches. The same faults are served by the admin HTTP API
 * ({@code /_emulator/faults}). Thread-safe.
 *
 * <pre>{@code
 * emulator.faults().add(FaultSpec.status(503).times(2).method("GET").pathPrefix("/api/data/v9.2/accounts"));
 * }</pre>
 */
public final class EmulatorFaults {
    private final FaultTable table;

    EmulatorFaults(FaultTable table) {
        this.table = table;
    }

    /** Arms a fault and returns it with its id. */
    public ActiveFault add(FaultSpec spec) {
        return table.add(Objects.requireNonNull(spec, "spec"));
    }

    /** The faults with uses left, oldest first. */
    public List<ActiveFault> list() {
        return table.list();
    }

    /** Disarms one fault; false when no armed fault has this id. */
    public boolean remove(String id) {
        return table.remove(id);
    }

    /** Disarms every fault. */
    public void clear() {
        table.clear();
    }
}
