package dev.sluice.flow;

import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.core.Where;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.flow.internal.WherePlan;
import dev.sluice.flow.internal.run.ChangeCursor;
import dev.sluice.flow.internal.run.Cursor;
import dev.sluice.flow.internal.run.OffsetCursor;
import dev.sluice.flow.internal.run.SourceRead;
import dev.sluice.flow.internal.run.WatermarkCursor;
import dev.sluice.store.FlowStore;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run starts reading its source, from its checkpoint: after the saved watermark, change-tracking token or
 * offset (everything again when the token expired or a key memory is new), with how many rows it expects. Not
 * thread-safe; one per run.
 */
final class RunStart {
    private static final Logger LOG = LoggerFactory.getLogger(RunStart.class);

    /**
     * A read as it starts.
     *
     * @param rows the source rows from where the run goes on
     * @param cursor the position of the first of them
     * @param resumed whether the run goes on from a checkpoint
     * @param deleteUnmatched whether changed rows that no longer match {@code where} are deleted
     * @param firstSeq the number of the first chunk
     * @param expected rows the run expects to read in all, or null when unknown
     * @param memory the key memory of a flow that remembers its rows' target keys, or null
     */
    record Read(Stream<Map<String, Object>> rows, Cursor cursor, boolean resumed, boolean deleteUnmatched,
            long firstSeq, Long expected, KeyMemory memory) {}

    private final FlowStore store;
    private final CheckedFlow flow;
    private final FlowDefinition def;
    private final RunOptions options;
    private final RunCheckpoint checkpoint;
    private final Instant start;
    private final Consumer<String> warn;

    RunStart(FlowStore store, CheckedFlow flow, RunOptions options, RunCheckpoint checkpoint, Instant start,
            Consumer<String> warn) {
        this.store = store;
        this.flow = flow;
        this.def = flow.definition();
        this.options = options;
        this.checkpoint = checkpoint;
        this.start = start;
        this.warn = warn;
    }

    /**
     * Starts the read {@code source} makes as the flow's {@code incremental} says; {@code runId} names a new key
     * generation, {@code readBefore} what this run read before it was taken over.
     */
    Read open(SourceRead source, UUID runId, long readBefore) {
        Incremental inc = def.source().incremental();
        if (inc instanceof Incremental.Watermark w) {
            return watermark(source, w);
        }
        if (inc instanceof Incremental.ChangeTracking ct) {
            return changes(source, ct);
        }
        return offset(source, runId, readBefore);
    }

    /** A read by watermark, from the saved one. */
    private Read watermark(SourceRead source, Incremental.Watermark w) {
        TableSchema s = flow.sourceSchema();
        WatermarkCursor c = WatermarkCursor.from(w.column(), s.primaryKey(), checkpoint.saved());
        Stream<Map<String, Object>> rows = source.fromWatermark(flow.source(), s, flow.readColumns(), w.column(),
                flow.wherePlan().pushed(), c);
        return new Read(rows, c, c.value() != null, false, 0, null, null);
    }

    /** A change-tracking read, from the saved token (everything again when it expired or the key memory is new). */
    private Read changes(SourceRead source, Incremental.ChangeTracking ct) {
        TableSchema s = flow.sourceSchema();
        ChangeCursor c = ChangeCursor.from(checkpoint.saved());
        if (flow.remembersKeys()) {
            c = memoryCursor(c, s);
        } else if (checkpoint.savedRemembers() && !options.dryRun()) {
            store.deleteSourceKeys(def.name()); // it no longer needs them: keep no source data for nothing
        }
        boolean resumed = c.applied() > 0;
        if (!resumed) {
            checkpoint.restart(start);
        }
        Stream<Map<String, Object>> rows = source.changes((DataverseRecordProvider) SharedProvider.unwrap(
                flow.source()), s, flow.readColumns(), c, ct.failOnExpiry());
        if (source.resynced()) {
            warn.accept("the change tracking token of flow '" + def.name() + "' had expired; every row of '"
                    + s.name() + "' is read again (full resync)");
            c = new ChangeCursor(null, 0);
        }
        WherePlan plan = flow.wherePlan();
        boolean deleteUnmatched = def.target().onDelete() != OnDelete.IGNORE && !source.fullRead()
                && plan.inMemory() != null;
        KeyMemory memory = null;
        if (flow.remembersKeys()) {
            memory = new KeyMemory(store, flow, new ChunkWriter(flow, checkpoint.markTime()), !checkpoint.building());
            checkpoint.remembers();
        }
        return new Read(rows, c, resumed, deleteUnmatched, 0, null, memory);
    }

    /** A read in the source's order, from the saved offset; for a full compare, in the saved key generation. */
    private Read offset(SourceRead source, UUID runId, long readBefore) {
        OffsetCursor c = checkpoint.mode().equals("offset") ? OffsetCursor.from(checkpoint.saved())
                : new OffsetCursor(0);
        boolean resumed = c.offset() > 0;
        if (!resumed) {
            checkpoint.restart(start);
        }
        long firstSeq = checkpoint.fullCompare() ? checkpoint.generation(resumed, runId, def.name(), warn) : 0;
        Where pushed = flow.wherePlan().pushed();
        Long expected = estimate(c.offset(), pushed);
        if (expected != null) {
            expected += readBefore; // what this run read before it was taken over
        }
        Stream<Map<String, Object>> rows = source.scan(flow.source(), flow.sourceSchema(), flow.readColumns(), pushed,
                c);
        return new Read(rows, c, resumed, false, firstSeq, expected, null);
    }

    /**
     * The cursor of a flow that remembers its rows' target keys: the saved one while the memory belongs to this
     * target and key; otherwise the memory is dropped and every row is read again to build it.
     */
    private ChangeCursor memoryCursor(ChangeCursor saved, TableSchema s) {
        if (checkpoint.memoryFits()) {
            return saved;
        }
        if (saved.token() != null || saved.applied() > 0) {
            warn.accept("flow '" + def.name() + "' now remembers which target key each row of '" + s.name() + "' is "
                    + "written under (so that rows deleted in Dataverse reach the target), and did not for this target "
                    + "and key before: every row is read again once to build that memory");
        }
        if (!options.dryRun()) {
            store.deleteSourceKeys(def.name());
        }
        checkpoint.startBuilding();
        return new ChangeCursor(null, 0);
    }

    /** Rows this run expects to read: the source's count (a table's or a file's), else the last full run's. */
    private Long estimate(long done, Where pushed) {
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
}
