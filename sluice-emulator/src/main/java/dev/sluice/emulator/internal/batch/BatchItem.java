package dev.sluice.emulator.internal.batch;

/** A top-level entry of a {@code $batch} request: a single operation or a change set. Immutable. */
sealed interface BatchItem permits BatchOperation, ChangeSet {}
