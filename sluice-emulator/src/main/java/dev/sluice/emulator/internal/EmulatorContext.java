package dev.sluice.emulator.internal;

import dev.sluice.emulator.internal.data.OrgStore;
import java.time.Clock;

/** What every handler of one emulator instance shares: settings, clock and the org's rows. */
public final class EmulatorContext {
    private final EmulatorSettings settings;
    private final OrgStore store;

    public EmulatorContext(EmulatorSettings settings, OrgStore store) {
        this.settings = settings;
        this.store = store;
    }

    public EmulatorSettings settings() {
        return settings;
    }

    public OrgStore store() {
        return store;
    }

    public Clock clock() {
        return store.clock();
    }
}
