package dev.sluice.store;

/**
 * One encryption key of the keyset, without its material. Immutable and thread-safe.
 *
 * @param id the Tink key id, as the unsigned number Tink's JSON shows
 * @param enabled whether it can decrypt
 * @param primary whether it encrypts everything new
 * @param rows how many stored rows are still encrypted with it
 */
public record KeyInfo(long id, boolean enabled, boolean primary, int rows) {}
