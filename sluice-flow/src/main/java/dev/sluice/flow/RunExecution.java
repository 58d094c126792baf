package dev.sluice.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.SluiceException;
import dev.sluice.flow.internal.run.ChangeCursor;
import dev.sluice.flow.internal.run.Cursor;
import dev.sluice.flow.internal.run.Json;
import dev.sluice.flow.internal.run.SourceRead;
import dev.sluice.flow.internal.run.TargetKeys;
import dev.sluice.store.FlowCounts;
import dev.sluice.store.FlowRun;
import dev.sluice.store.FlowStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a flow, pipelined ({@link ChunkPipeline}), from where its checkpoint says ({@link RunStart}): a reader
 * thread reads and maps chunk N+1 while chunk N is written; chunks are committed in order, each with its checkpoint ({@link RunCheckpoint}), dead letters, counters
 * and (for a full compare) keys in one store transaction, so a kill at any moment resumes exactly. The run stops at
 * the next chunk boundary when someone asks it to, checkpoint intact. Not thread-safe; one per run.
 */
final class RunExecution {
    private static final Logger LOG = LoggerFactory.getLogger(RunExecution.class);

    private final FlowStore store;
    private final Clock clock;
    private final CheckedFlow flow;
    private final FlowDefinition def;
    private final RunOptions options;
    private final FlowRun run;
    private final Instant start;
    private final List<String> warnings = new ArrayList<>();
    private final RunSample sample;
    private final boolean fullCompare;
    private final RunCheckpoint checkpoint;
    private FlowCounts counts = FlowCounts.ZERO;
    private long chunks;
    private boolean cancelled;
    private boolean released;
    private Long expected;
    private KeyMemory memory;

    RunExecution(FlowStore store, Clock clock, CheckedFlow flow, RunOptions options, FlowRun run, ObjectNode saved) {
        this.store = store;
        this.clock = clock;
        this.flow = flow;
        this.def = flow.definition();
        this.options = options;
        this.run = run;
        this.start = clock.instant();
        this.sample = new RunSample(def, options.sampleSize());
        this.fullCompare = def.source().incremental() instanceof Incremental.Full
                && def.target().onDelete() != OnDelete.IGNORE && !options.dryRun();
        this.checkpoint = new RunCheckpoint(saved, TargetKeys.signature(def.target().table(), flow.targetKey()),
                def.target().onDelete() == OnDelete.MARK, fullCompare, start);
        // a run recorded before (by a server, or taken over from a node that stopped) goes on counting from what
        // its last checkpoint saved
        this.counts = options.runId() != null ? run.counts() : FlowCounts.ZERO;
    }

    FlowCounts counts() {
        return counts;
    }

    RunSummary run() {
        if (checkpoint.resumeCompare()) {
            store.describeRun(run.id(), null, "finishing the deletions of an interrupted full compare");
            compareAndFinish(checkpoint.saved().deepCopy());
            return finish(true);
        }
        SourceRead source = new SourceRead();
        RunStart.Read read = new RunStart(store, flow, options, checkpoint, start, this::warn).open(source, run.id(),
                counts.read());
        expected = read.expected();
        memory = read.memory();
        store.describeRun(run.id(), expected, flow.wherePlan().describe());
        TargetKeys keys = fullCompare ? new TargetKeys(flow.targetKey(), flow.targetSchema()) : null;
        ChunkPipeline pipeline = new ChunkPipeline(flow, new ChunkWriter(flow, checkpoint.markTime()),
                options.dryRun() ? sample::dry : null, this::commit);
        pipeline.run(read.rows(), read.cursor(), read.firstSeq(),
                new ChunkPreparer(flow, read.deleteUnmatched(), keys, memory));
        if (released) {
            return released(read.resumed());
        }
        if (!cancelled && !options.dryRun()) {
            readDone(source, def.source().incremental());
        }
        return finish(read.resumed());
    }

    /** Saves what a complete read leaves for the next run; a full compare then finds and applies deletions. */
    private void readDone(SourceRead source, Incremental inc) {
        if (inc instanceof Incremental.Full) {
            if (fullCompare) {
                ObjectNode state = Json.object();
                state.put("mode", "compare");
                checkpoint.extras(state, 0);
                state.put("done", 0);
                store.saveCheckpoint(run.id(), def.name(), Json.write(state));
                compareAndFinish(state);
            } else {
                store.resetCheckpoint(def.name());
                store.deleteKeysExcept(def.name(), null);
            }
        } else if (inc instanceof Incremental.ChangeTracking) {
            ObjectNode next = checkpoint.changesDone(new ChangeCursor(source.nextToken().orElseThrow(), 0).state());
            store.saveChunk(run.id(), def.name(), Json.write(next), counts, List.of());
        }
    }

    /**
     * A written chunk as it is committed: its counts and dead letters, where it stopped (a bad record under
     * {@code errors: fail}; -1 when it did not) and what the key memory learnt from it.
     */
    private record Landed(FlowCounts counts, List<FlowStore.NewDeadLetter> dead, int stopAt, SluiceException stop,
            FlowStore.SourceKeyChanges remembered) {}

    /**
     * Saves a written chunk's checkpoint, dead letters, counters and keys (and what the key memory learnt) in one
     * transaction; {@code inFlight} gives the keys of the chunks after it that are being written. Answers whether
     * the run stops here (cancelled or released).
     */
    private boolean commit(PreparedChunk p, ChunkWriter.Outcome o, Supplier<Set<String>> inFlight) {
        Landed l = landed(p, o, inFlight);
        counts = counts.plus(l.counts());
        ObjectNode state;
        if (l.stopAt() >= 0 && l.stopAt() != p.stopAt()) {
            Cursor c = p.start().copy();
            for (int i = 0; i < l.stopAt(); i++) {
                c.advance(p.records().get(i));
            }
            state = c.state();
        } else {
            state = p.end().deepCopy();
        }
        checkpoint.extras(state, p.seq() + 1);
        boolean cancel = save(p, state, l);
        chunks++;
        progress();
        if (l.stop() != null) {
            throw new SluiceException(l.stop().kind(), "flow '" + def.name() + "' stopped at a bad record (errors: "
                    + "fail); the checkpoint is just before it: " + l.stop().getMessage());
        }
        if (cancel) {
            cancelled = true;
        } else if (options.release() != null && !options.dryRun() && options.release().getAsBoolean()) {
            released = true;
        }
        return cancelled || released;
    }

    /** The writer's outcome of a chunk, with the reader's stop and the key memory's step folded in. */
    private Landed landed(PreparedChunk p, ChunkWriter.Outcome o, Supplier<Set<String>> inFlight) {
        int stopAt = o.stopAt();
        SluiceException stop = o.stop();
        if (p.stop() != null && (stopAt < 0 || p.stopAt() <= stopAt)) {
            stopAt = p.stopAt();
            stop = p.stop();
        }
        if (memory == null || p.remembered() == null) {
            return new Landed(o.counts(), o.dead(), stopAt, stop, null);
        }
        KeyMemory.Step m = memory.resolve(p, o, stopAt < 0 ? p.records().size() : stopAt, inFlight,
                options.dryRun());
        List<FlowStore.NewDeadLetter> dead = o.dead();
        if (!m.dead().isEmpty()) {
            dead = new ArrayList<>(dead);
            dead.addAll(m.dead());
        }
        if (m.stop() != null && (stopAt < 0 || m.stopAt() < stopAt)) {
            stopAt = m.stopAt();
            stop = m.stop();
        }
        sample.deletions(m.sample());
        return new Landed(o.counts().plus(m.counts()), dead, stopAt, stop, m.before(stopAt));
    }

    /** Saves the chunk in one store transaction (a dry run saves nothing); answers whether a cancel was asked. */
    private boolean save(PreparedChunk p, ObjectNode state, Landed l) {
        if (options.dryRun()) {
            return store.cancelRequested(run.id());
        }
        checkpoint.keyless(p.keyless());
        FlowStore.ChunkKeys keys = fullCompare && p.keys() != null
                ? new FlowStore.ChunkKeys(checkpoint.generation(), p.seq(), p.keys().toString()) : null;
        return store.saveChunk(run.id(), def.name(), Json.write(state), counts, l.dead(), keys, l.remembered());
    }

    /** The deletions of a full compare, then the state the next full read compares against. */
    private void compareAndFinish(ObjectNode state) {
        checkpoint.keylessFrom(state);
        if (checkpoint.previous() != null && checkpoint.keyless()) {
            warn("some records of flow '" + def.name() + "' had no key value, so rows deleted at the source were "
                    + "not looked for in this run");
        } else if (checkpoint.previous() != null) {
            ChunkWriter writer = new ChunkWriter(flow, checkpoint.markTime());
            FullCompare.Result r = new FullCompare(store, flow, new TargetKeys(flow.targetKey(), flow.targetSchema()),
                    writer, run.id()).run(checkpoint.generation(), checkpoint.previous(), state, counts, c -> {
                        counts = c;
                        chunks++;
                        progress();
                    });
            counts = r.counts();
            if (r.cancelled()) {
                cancelled = true;
                return;
            }
        }
        store.saveCheckpoint(run.id(), def.name(), Json.write(checkpoint.compared()));
        store.deleteKeysExcept(def.name(), checkpoint.generation());
    }

    private void progress() {
        if (options.progress() != null) {
            options.progress().accept(new RunProgress(def.name(), chunks, counts, expected,
                    Duration.between(start, clock.instant())));
        }
    }

    private void warn(String message) {
        LOG.warn("{}", message);
        warnings.add(message);
    }

    /** A run given back at a chunk boundary: its checkpoint and counters are saved, its record stays running. */
    private RunSummary released(boolean resumed) {
        FlowCounts c = counts;
        Duration took = Duration.between(start, clock.instant());
        LOG.info("flow run released at a chunk boundary flow={} run={} read={} durationMs={}", def.name(), run.id(),
                c.read(), took.toMillis());
        return RunSummary.of(run.id(), def.name(), false, c, took, resumed, warnings, sample.records(),
                RunSummary.RELEASED, flow.wherePlan().describe());
    }

    private RunSummary finish(boolean resumed) {
        String status = cancelled ? FlowRun.CANCELLED : FlowRun.SUCCEEDED;
        store.finishRun(run.id(), status, counts, cancelled ? "cancelled at a chunk boundary; the checkpoint is kept"
                : null);
        FlowCounts c = counts;
        Duration took = Duration.between(start, clock.instant());
        LOG.info("flow run done flow={} status={} read={} created={} updated={} upserted={} deleted={} skipped={} "
                + "rejected={} durationMs={}", def.name(), status, c.read(), c.created(), c.updated(), c.upserted(),
                c.deleted(), c.skipped(), c.rejected(), took.toMillis());
        return RunSummary.of(run.id(), def.name(), options.dryRun(), c, took, resumed, warnings, sample.records(),
                status, flow.wherePlan().describe());
    }
}
