package dev.sluice.emulator;

/**
 * A fault that is armed in a running emulator. Immutable snapshot.
 *
 * @param id the id to remove it by
 * @param spec what it does and to which requests
 * @param remaining how many more matching requests it will affect
 */
public record ActiveFault(String id, FaultSpec spec, int remaining) {}
