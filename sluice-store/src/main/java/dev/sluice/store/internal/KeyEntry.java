package dev.sluice.store.internal;

/**
 * One key of the keyset, without its material. Immutable and thread-safe.
 *
 * @param id Tink key id
 * @param enabled whether it can decrypt
 * @param primary whether it encrypts new values
 */
public record KeyEntry(int id, boolean enabled, boolean primary) {}
