package dev.sluice.dataverse;

import java.util.UUID;

/** The answer of {@code WhoAmI}: the calling user, their business unit and the organization. */
public record WhoAmI(UUID userId, UUID businessUnitId, UUID organizationId) {}
