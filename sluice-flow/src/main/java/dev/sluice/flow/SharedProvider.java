package dev.sluice.flow;

import dev.sluice.core.RecordProvider;

/** A provider owned by someone else: every call is passed on, {@code close} does nothing. Thread-safe. */
record SharedProvider(RecordProvider delegate) implements ForwardingProvider {
    /** The provider itself, for features beyond the SPI (e.g. Dataverse lookups). */
    static RecordProvider unwrap(RecordProvider p) {
        return p instanceof SharedProvider s ? unwrap(s.delegate) : p;
    }

    @Override
    public void close() {
        // owned by the resolver's creator
    }
}
