package dev.sluice.emulator.internal.batch;

import java.util.List;

/** A change set of a {@code $batch}: operations that succeed or fail together. Immutable. */
record ChangeSet(List<BatchOperation> operations) implements BatchItem {
    ChangeSet {
        operations = List.copyOf(operations);
    }
}
