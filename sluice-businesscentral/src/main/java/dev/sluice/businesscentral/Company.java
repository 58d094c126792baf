package dev.sluice.businesscentral;

import java.util.UUID;

/** A company of a Business Central environment ({@code companies} entity). Immutable. */
public record Company(UUID id, String name, String displayName) {}
