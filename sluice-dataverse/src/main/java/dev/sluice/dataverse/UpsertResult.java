package dev.sluice.dataverse;

import java.util.UUID;

/** The outcome of an upsert: the row's id and whether it was created (else updated). */
public record UpsertResult(UUID id, boolean created) {}
