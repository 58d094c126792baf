package dev.sluice.emulator.internal.data;

import java.util.UUID;

/** The value of a lookup column: the target table's logical name and the row id. */
public record LookupValue(String table, UUID id) {}
