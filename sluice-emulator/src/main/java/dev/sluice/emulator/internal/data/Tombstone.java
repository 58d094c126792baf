package dev.sluice.emulator.internal.data;

import java.util.UUID;

/** A deleted row, remembered for change tracking: its id and the version at which it was deleted. */
public record Tombstone(UUID id, long version) {}
