package dev.sluice.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.flow.internal.run.Fingerprints;
import dev.sluice.flow.internal.run.Json;
import dev.sluice.flow.internal.run.TargetKeys;
import dev.sluice.store.FlowCounts;
import dev.sluice.store.FlowStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The end of a full read that keeps its target in sync: target keys the previous complete read wrote and this one
 * did not see belong to rows deleted at the source (or no longer matching {@code where}); they are deleted or
 * marked in chunks, each chunk checkpointed as {@code {"mode":"compare","done":N,…}} so a killed run finishes the
 * same deletions. This read's keys are held as 64-bit fingerprints (a few MiB per million keys); the previous read's
 * keys are streamed from the store. Not thread-safe; one per run.
 */
final class FullCompare {
    /** What the phase did and whether it was asked to stop before the end. */
    record Result(FlowCounts counts, boolean cancelled) {}

    private final FlowStore store;
    private final CheckedFlow flow;
    private final TargetKeys codec;
    private final ChunkWriter writer;
    private final UUID runId;

    FullCompare(FlowStore store, CheckedFlow flow, TargetKeys codec, ChunkWriter writer, UUID runId) {
        this.store = store;
        this.flow = flow;
        this.codec = codec;
        this.writer = writer;
        this.runId = runId;
    }

    /**
     * Deletes what {@code previous} has and {@code current} has not, from the {@code done}-th such key on, adding to
     * {@code counts}; {@code state} is the compare checkpoint to save (its {@code done} is updated).
     */
    Result run(UUID current, UUID previous, ObjectNode state, FlowCounts counts, Consumer<FlowCounts> progress) {
        String name = flow.definition().name();
        Fingerprints seen = new Fingerprints();
        store.forEachChunkKeys(name, current, json -> {
            for (long f : TargetKeys.fingerprints(json)) {
                seen.add(f);
            }
        });
        int size = flow.definition().target().chunkSize();
        long skip = state.path("done").asLong(0);
        long[] index = {0};
        List<Map<String, Object>> batch = new ArrayList<>(size);
        FlowCounts[] total = {counts};
        boolean[] stop = {false};
        store.forEachChunkKeys(name, previous, json -> {
            if (stop[0]) {
                return;
            }
            long[] fps = TargetKeys.fingerprints(json);
            List<Map<String, Object>> keys = null;
            for (int i = 0; i < fps.length && !stop[0]; i++) {
                if (seen.contains(fps[i]) || index[0]++ < skip) {
                    continue;
                }
                keys = keys == null ? codec.decode(json) : keys;
                batch.add(keys.get(i));
                if (batch.size() == size) {
                    stop[0] = flush(batch, state, total, progress);
                }
            }
        });
        if (!stop[0] && !batch.isEmpty()) {
            stop[0] = flush(batch, state, total, progress);
        }
        return new Result(total[0], stop[0]);
    }

    /** Deletes one batch and checkpoints it; answers whether the run was asked to stop. */
    private boolean flush(List<Map<String, Object>> batch, ObjectNode state, FlowCounts[] total,
            Consumer<FlowCounts> progress) {
        List<Integer> from = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            from.add(i);
        }
        PreparedChunk p = new PreparedChunk(0, null, List.copyOf(batch), List.of(), List.of(), List.copyOf(batch),
                from, List.of(), 0, 0, 0, -1, null, null, null, null, false, null);
        ChunkWriter.Outcome o = writer.write(p);
        total[0] = total[0].plus(o.counts());
        state.put("done", state.path("done").asLong(0) + (o.stop() == null ? batch.size() : o.stopAt()));
        batch.clear();
        boolean cancel = store.saveChunk(runId, flow.definition().name(), Json.write(state), total[0], o.dead());
        progress.accept(total[0]);
        if (o.stop() != null) {
            throw new dev.sluice.core.SluiceException(o.stop().kind(), "flow '" + flow.definition().name()
                    + "' stopped at a row it could not delete (errors: fail): " + o.stop().getMessage());
        }
        return cancel;
    }
}
