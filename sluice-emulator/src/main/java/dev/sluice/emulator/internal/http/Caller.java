package dev.sluice.emulator.internal.http;

import java.util.UUID;

/**
 * Who a Dataverse request is made by: the systemuser the token maps to, its business unit, and the
 * identity key that service protection limits are counted against.
 */
public record Caller(UUID userId, UUID businessUnitId, String identity) {}
