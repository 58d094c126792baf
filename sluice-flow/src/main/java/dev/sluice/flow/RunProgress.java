package dev.sluice.flow;

import dev.sluice.store.FlowCounts;

/** Progress of a run after a chunk: the counts so far and the chunks done. Immutable. */
public record RunProgress(String flow, long chunks, FlowCounts counts) {}
