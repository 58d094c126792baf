package dev.sluice.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.flow.internal.run.ChangeCursor;
import dev.sluice.flow.internal.run.Cursor;
import dev.sluice.flow.internal.run.Json;
import dev.sluice.flow.internal.run.OffsetCursor;
import dev.sluice.flow.internal.run.SourceRead;
import dev.sluice.flow.internal.run.TargetKeys;
import dev.sluice.flow.internal.run.WatermarkCursor;
import dev.sluice.store.FlowCounts;
import dev.sluice.store.FlowRun;
import dev.sluice.store.FlowStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a flow, pipelined: a reader thread reads and maps chunk N+1 while chunk N is written (and, for targets
 * that take parallel writes, up to their concurrency bound of chunks at once); chunks are committed in order, each
 * with its checkpoint, dead letters, counters and (for a full compare) keys in one store transaction, so a kill at
 * any moment resumes exactly. The run stops at the next chunk boundary when someone asks it to, checkpoint intact.
 * Not thread-safe; one per run.
 */
final class RunExecution {
    private static final Logger LOG = LoggerFactory.getLogger(RunExecution.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Parallel chunk writes to a Dataverse target at most (each is one bulk request of up to 1000 records). */
    private static final int MAX_PARALLEL = 8;

    private final FlowStore store;
    private final Clock clock;
    private final CheckedFlow flow;
    private final FlowDefinition def;
    private final RunOptions options;
    private final FlowRun run;
    private final ObjectNode saved;
    private final Instant start;
    private final List<String> warnings = new ArrayList<>();
    private final List<Map<String, Object>> sample = new ArrayList<>();
    private final boolean fullCompare;
    private final String signature;
    private FlowCounts counts = FlowCounts.ZERO;
    private long chunks;
    private boolean cancelled;
    private boolean released;
    private Long expected;
    private Instant markTime;
    private UUID generation;
    private UUID previous;
    private boolean keyless;
    private KeyMemory memory;
    private boolean building;

    RunExecution(FlowStore store, Clock clock, CheckedFlow flow, RunOptions options, FlowRun run, ObjectNode saved) {
        this.store = store;
        this.clock = clock;
        this.flow = flow;
        this.def = flow.definition();
        this.options = options;
        this.run = run;
        this.saved = saved;
        this.start = clock.instant();
        this.fullCompare = def.source().incremental() instanceof Incremental.Full
                && def.target().onDelete() != OnDelete.IGNORE && !options.dryRun();
        this.signature = TargetKeys.signature(def.target().table(), flow.targetKey());
        // a run recorded before (by a server, or taken over from a node that stopped) goes on counting from what
        // its last checkpoint saved
        this.counts = options.runId() != null ? run.counts() : FlowCounts.ZERO;
    }

    FlowCounts counts() {
        return counts;
    }

    RunSummary run() {
        String mode = saved == null ? "" : saved.path("mode").asText();
        markTime = saved != null && saved.hasNonNull("at") ? Instant.parse(saved.get("at").asText()) : start;
        if (fullCompare && mode.equals("compare") && signature.equals(saved.path("signature").asText())) {
            generation = UUID.fromString(saved.get("generation").asText());
            previous = UUID.fromString(saved.get("previous").asText());
            store.describeRun(run.id(), null, "finishing the deletions of an interrupted full compare");
            compareAndFinish(saved.deepCopy());
            return finish(true);
        }
        SourceRead read = new SourceRead();
        TableSchema s = flow.sourceSchema();
        Incremental inc = def.source().incremental();
        var plan = flow.wherePlan();
        Cursor cursor;
        boolean resumed;
        Stream<Map<String, Object>> rows;
        boolean deleteUnmatched = false;
        long firstSeq = 0;
        if (inc instanceof Incremental.Watermark w) {
            WatermarkCursor c = WatermarkCursor.from(w.column(), s.primaryKey(), saved);
            resumed = c.value() != null;
            rows = read.fromWatermark(flow.source(), s, flow.readColumns(), w.column(), plan.pushed(), c);
            cursor = c;
        } else if (inc instanceof Incremental.ChangeTracking ct) {
            ChangeCursor c = ChangeCursor.from(saved);
            if (flow.remembersKeys()) {
                c = memoryCursor(c, s);
            } else if (saved != null && saved.has("remembers") && !options.dryRun()) {
                store.deleteSourceKeys(def.name()); // it no longer needs them: keep no source data for nothing
            }
            resumed = c.applied() > 0;
            if (!resumed) {
                markTime = start;
            }
            rows = read.changes((DataverseRecordProvider) SharedProvider.unwrap(flow.source()), s,
                    flow.readColumns(), c, ct.failOnExpiry());
            if (read.resynced()) {
                warn("the change tracking token of flow '" + def.name() + "' had expired; every row of '" + s.name()
                        + "' is read again (full resync)");
                c = new ChangeCursor(null, 0);
            }
            deleteUnmatched = def.target().onDelete() != OnDelete.IGNORE && !read.fullRead()
                    && plan.inMemory() != null;
            if (flow.remembersKeys()) {
                memory = new KeyMemory(store, flow, new ChunkWriter(flow, markTime), !building);
            }
            cursor = c;
        } else {
            OffsetCursor c = mode.equals("offset") ? OffsetCursor.from(saved) : new OffsetCursor(0);
            resumed = c.offset() > 0;
            if (!resumed) {
                markTime = start;
            }
            if (fullCompare) {
                firstSeq = generation(resumed);
            }
            expected = estimate(c.offset(), plan.pushed());
            if (expected != null) {
                expected += counts.read(); // what this run read before it was taken over
            }
            rows = read.scan(flow.source(), s, flow.readColumns(), plan.pushed(), c);
            cursor = c;
        }
        store.describeRun(run.id(), expected, plan.describe());
        TargetKeys keys = fullCompare ? new TargetKeys(flow.targetKey(), flow.targetSchema()) : null;
        pipeline(rows, cursor, firstSeq, new ChunkPreparer(flow, deleteUnmatched, keys, memory));
        if (released) {
            return released(resumed);
        }
        if (!cancelled && !options.dryRun()) {
            if (inc instanceof Incremental.Full) {
                if (fullCompare) {
                    ObjectNode state = Json.object();
                    state.put("mode", "compare");
                    extras(state, 0);
                    state.put("done", 0);
                    store.saveCheckpoint(run.id(), def.name(), Json.write(state));
                    compareAndFinish(state);
                } else {
                    store.resetCheckpoint(def.name());
                    store.deleteKeysExcept(def.name(), null);
                }
            } else if (inc instanceof Incremental.ChangeTracking) {
                ObjectNode next = new ChangeCursor(read.nextToken().orElseThrow(), 0).state();
                if (memory != null) {
                    next.put("remembers", signature);
                }
                store.saveChunk(run.id(), def.name(), Json.write(next), counts, List.of());
            }
        }
        return finish(resumed);
    }

    /**
     * The cursor of a flow that remembers its rows' target keys: the saved one while the memory belongs to this
     * target and key; otherwise the memory is dropped and every row is read again to build it.
     */
    private ChangeCursor memoryCursor(ChangeCursor saved, TableSchema s) {
        if (signature.equals(this.saved == null ? null : this.saved.path("remembers").asText(null))) {
            building = this.saved.path("building").asBoolean(false);
            return saved;
        }
        if (saved.token() != null || saved.applied() > 0) {
            warn("flow '" + def.name() + "' now remembers which target key each row of '" + s.name() + "' is written "
                    + "under (so that rows deleted in Dataverse reach the target), and did not for this target and key "
                    + "before: every row is read again once to build that memory");
        }
        if (!options.dryRun()) {
            store.deleteSourceKeys(def.name());
        }
        building = true;
        return new ChangeCursor(null, 0);
    }

    /** Sets this read's key generation; answers the chunk number to go on from. */
    private long generation(boolean resumed) {
        if (resumed && saved.hasNonNull("generation")) {
            generation = UUID.fromString(saved.get("generation").asText());
            previous = saved.hasNonNull("previous") ? UUID.fromString(saved.get("previous").asText()) : null;
            keyless = saved.path("keyless").asBoolean(false);
            return saved.path("seq").asLong(0);
        }
        generation = run.id();
        if (saved != null && saved.hasNonNull("previous")) {
            if (signature.equals(saved.path("signature").asText())) {
                previous = UUID.fromString(saved.get("previous").asText());
            } else {
                warn("the target or key of flow '" + def.name() + "' changed since its last full read; deletions "
                        + "are found from the next run on");
            }
        }
        return 0;
    }

    /** Rows this run expects to read: the source's count (a table's or a file's), else the last full run's. */
    private Long estimate(long done, dev.sluice.core.Where pushed) {
        var source = SharedProvider.unwrap(flow.source());
        OptionalLong n;
        try {
            n = source instanceof JdbcRecordProvider j ? j.count(flow.sourceSchema().name(), pushed)
                    : source instanceof FileRecordProvider f ? OptionalLong.of(f.count(def.source().table()))
                    : OptionalLong.empty();
        } catch (SluiceException e) {
            LOG.info("flow run without an expected row count flow={} message={}", def.name(), e.getMessage());
            n = OptionalLong.empty(); // only the ETA needs it; the read itself will say what is wrong
        }
        if (n.isEmpty()) {
            n = store.lastSucceeded(def.name()).map(r -> OptionalLong.of(r.counts().read())).orElse(OptionalLong.empty());
        }
        return n.isPresent() && n.getAsLong() > 0 ? Math.max(0, n.getAsLong() - done) : null;
    }

    /** Reads, maps, writes and commits every chunk; returns when the source is done, or throws. */
    private void pipeline(Stream<Map<String, Object>> rows, Cursor cursor, long firstSeq, ChunkPreparer preparer) {
        int parallel = parallelWrites();
        ChunkWriter writer = new ChunkWriter(flow, markTime);
        ExecutorService writers = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "sluice-flow-write-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Pending> pending = new ArrayDeque<>();
        RuntimeException failure = null;
        boolean ended = false;
        boolean stopping = false;
        ChunkReader reader = new ChunkReader(def.name(), rows, def.target().chunkSize(), cursor, firstSeq, preparer,
                parallel);
        try {
            while (true) {
                while (!pending.isEmpty() && (pending.peek().write().isDone() || pending.size() > parallel || ended
                        || stopping)) {
                    Pending head = pending.poll();
                    if (failure != null) {
                        head.write().handle((o, e) -> null).join(); // no write may outlive the run
                        continue;
                    }
                    try {
                        commit(head.chunk(), join(head.write()), pending);
                        stopping |= cancelled || released;
                    } catch (RuntimeException e) {
                        failure = e;
                        stopping = true;
                    }
                }
                if (ended || stopping) {
                    if (pending.isEmpty()) {
                        break;
                    }
                    continue;
                }
                Object item = reader.take();
                if (item instanceof PreparedChunk p) {
                    pending.add(new Pending(p, options.dryRun() ? CompletableFuture.completedFuture(dry(p))
                            : CompletableFuture.supplyAsync(() -> writer.write(p), writers)));
                } else if (item == ChunkReader.END) {
                    ended = true;
                } else {
                    failure = item instanceof RuntimeException e ? e : new SluiceException(ErrorKind.INTERNAL,
                            "reading the source of flow '" + def.name() + "' failed: " + item, (Throwable) item);
                    stopping = true;
                }
            }
        } finally {
            reader.stop();
            writers.shutdown();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private record Pending(PreparedChunk chunk, CompletableFuture<ChunkWriter.Outcome> write) {}

    private static ChunkWriter.Outcome join(CompletableFuture<ChunkWriter.Outcome> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** A dry run's chunk: nothing written, the mapped records kept as a sample. */
    private ChunkWriter.Outcome dry(PreparedChunk p) {
        for (Map<String, Object> m : p.mapped()) {
            if (sample.size() < options.sampleSize()) {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("write", def.target().write().name().toLowerCase(java.util.Locale.ROOT));
                shown.put("record", m);
                sample.add(shown);
            }
        }
        for (Map<String, Object> k : p.deletes()) {
            if (sample.size() < options.sampleSize()) {
                sample.add(Map.of("write", def.target().onDelete().name().toLowerCase(java.util.Locale.ROOT),
                        "record", k));
            }
        }
        return new ChunkWriter.Outcome(new FlowCounts(p.read(), 0, 0, p.skipped(), p.rejected(), 0), p.dead(),
                -1, null, List.of());
    }

    /**
     * Saves a written chunk's checkpoint, dead letters, counters and keys (and what the key memory learnt) in one
     * transaction; {@code inFlight} are the chunks after it that are being written.
     */
    private void commit(PreparedChunk p, ChunkWriter.Outcome o, ArrayDeque<Pending> inFlight) {
        FlowCounts add = o.counts();
        List<FlowStore.NewDeadLetter> dead = o.dead();
        int stopAt = o.stopAt();
        SluiceException stop = o.stop();
        if (p.stop() != null && (stopAt < 0 || p.stopAt() <= stopAt)) {
            stopAt = p.stopAt();
            stop = p.stop();
        }
        FlowStore.SourceKeyChanges remembered = null;
        if (memory != null && p.remembered() != null) {
            KeyMemory.Step m = memory.resolve(p, o, stopAt < 0 ? p.records().size() : stopAt,
                    () -> inFlightKeys(inFlight), options.dryRun());
            add = add.plus(m.counts());
            if (!m.dead().isEmpty()) {
                dead = new ArrayList<>(dead);
                dead.addAll(m.dead());
            }
            if (m.stop() != null && (stopAt < 0 || m.stopAt() < stopAt)) {
                stopAt = m.stopAt();
                stop = m.stop();
            }
            remembered = m.before(stopAt);
            for (Map<String, Object> k : m.sample()) {
                if (sample.size() < options.sampleSize()) {
                    sample.add(Map.of("write", def.target().onDelete().name().toLowerCase(java.util.Locale.ROOT),
                            "record", k));
                }
            }
        }
        counts = counts.plus(add);
        ObjectNode state;
        if (stopAt >= 0 && stopAt != p.stopAt()) {
            Cursor c = p.start().copy();
            for (int i = 0; i < stopAt; i++) {
                c.advance(p.records().get(i));
            }
            state = c.state();
        } else {
            state = p.end().deepCopy();
        }
        extras(state, p.seq() + 1);
        boolean cancel;
        if (options.dryRun()) {
            cancel = store.cancelRequested(run.id());
        } else {
            keyless |= p.keyless();
            FlowStore.ChunkKeys keys = fullCompare && p.keys() != null
                    ? new FlowStore.ChunkKeys(generation, p.seq(), p.keys().toString()) : null;
            cancel = store.saveChunk(run.id(), def.name(), Json.write(state), counts, dead, keys, remembered);
        }
        chunks++;
        progress();
        if (stop != null) {
            throw new SluiceException(stop.kind(), "flow '" + def.name() + "' stopped at a bad record (errors: "
                    + "fail); the checkpoint is just before it: " + stop.getMessage());
        }
        if (cancel) {
            cancelled = true;
        } else if (options.release() != null && !options.dryRun() && options.release().getAsBoolean()) {
            released = true;
        }
    }

    /** The target keys of the chunks being written (a key memory leaves their rows alone). */
    private static java.util.Set<String> inFlightKeys(ArrayDeque<Pending> inFlight) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (Pending q : inFlight) {
            if (q.chunk().remembered() != null) {
                q.chunk().remembered().mappedKeys().stream().filter(java.util.Objects::nonNull).forEach(keys::add);
            }
        }
        return keys;
    }

    /**
     * What the run keeps beside its cursor: the mark time, for a full compare its key generation, and for a key
     * memory the target and key it belongs to.
     */
    private void extras(ObjectNode state, long nextSeq) {
        if (def.target().onDelete() == OnDelete.MARK) {
            state.put("at", markTime.toString());
        }
        if (memory != null) {
            state.put("remembers", signature);
            if (building) {
                state.put("building", true);
            }
        }
        if (fullCompare) {
            state.put("generation", generation.toString());
            state.put("previous", previous == null ? null : previous.toString());
            state.put("seq", nextSeq);
            state.put("signature", signature);
            state.put("keyless", keyless);
        }
    }

    /** The deletions of a full compare, then the state the next full read compares against. */
    private void compareAndFinish(ObjectNode state) {
        keyless = state.path("keyless").asBoolean(false);
        if (previous != null && keyless) {
            warn("some records of flow '" + def.name() + "' had no key value, so rows deleted at the source were "
                    + "not looked for in this run");
        } else if (previous != null) {
            ChunkWriter writer = new ChunkWriter(flow, markTime);
            FullCompare.Result r = new FullCompare(store, flow, new TargetKeys(flow.targetKey(), flow.targetSchema()),
                    writer, run.id()).run(generation, previous, state, counts, c -> {
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
        ObjectNode idle = Json.object();
        idle.put("mode", "offset");
        idle.put("offset", 0);
        idle.put("previous", generation.toString());
        idle.put("signature", signature);
        store.saveCheckpoint(run.id(), def.name(), Json.write(idle));
        store.deleteKeysExcept(def.name(), generation);
    }

    private int parallelWrites() {
        if (SharedProvider.unwrap(flow.target()) instanceof DataverseRecordProvider dv) {
            return Math.max(1, Math.min(MAX_PARALLEL, dv.client().gate().limit()));
        }
        return 1;
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
        return new RunSummary(run.id(), def.name(), false, c.read(), c.created(), c.updated(), c.skipped(),
                c.rejected(), took, resumed, warnings, sample, c.deleted(), RunSummary.RELEASED,
                flow.wherePlan().describe());
    }

    private RunSummary finish(boolean resumed) {
        String status = cancelled ? FlowRun.CANCELLED : FlowRun.SUCCEEDED;
        store.finishRun(run.id(), status, counts, cancelled ? "cancelled at a chunk boundary; the checkpoint is kept"
                : null);
        FlowCounts c = counts;
        Duration took = Duration.between(start, clock.instant());
        LOG.info("flow run done flow={} status={} read={} created={} updated={} deleted={} skipped={} rejected={} "
                + "durationMs={}", def.name(), status, c.read(), c.created(), c.updated(), c.deleted(), c.skipped(),
                c.rejected(), took.toMillis());
        return new RunSummary(run.id(), def.name(), options.dryRun(), c.read(), c.created(), c.updated(), c.skipped(),
                c.rejected(), took, resumed, warnings, sample, c.deleted(), status, flow.wherePlan().describe());
    }
}
