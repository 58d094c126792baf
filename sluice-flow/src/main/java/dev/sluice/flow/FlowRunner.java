package dev.sluice.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.core.WriteOutcome;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.flow.internal.ValueConverter;
import dev.sluice.flow.internal.run.ChangeCursor;
import dev.sluice.flow.internal.run.Cursor;
import dev.sluice.flow.internal.run.Json;
import dev.sluice.flow.internal.run.OffsetCursor;
import dev.sluice.flow.internal.run.SourceRead;
import dev.sluice.flow.internal.run.WatermarkCursor;
import dev.sluice.store.DeadLetter;
import dev.sluice.store.FlowCounts;
import dev.sluice.store.FlowRun;
import dev.sluice.store.FlowStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checked flows: reads the source in chunks, maps each record (CEL per record, conversion to the target's
 * types, lookups bound by alternate key), writes each chunk through the target provider, and saves a checkpoint in
 * the engine store after every chunk, together with the chunk's dead letters and the run's counters. A run killed at
 * any moment continues from its last checkpoint when started again; with keyed writes the target ends as if it had
 * never been interrupted. Thread-safe: runs of different flows may go on at once.
 */
public final class FlowRunner {
    private static final Logger LOG = LoggerFactory.getLogger(FlowRunner.class);

    private final FlowStore store;
    private final Clock clock;

    public FlowRunner(FlowStore store) {
        this(store, Clock.systemUTC());
    }

    public FlowRunner(FlowStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Runs a flow from its checkpoint; a failure is recorded on the run and thrown. */
    public RunSummary run(CheckedFlow flow, RunOptions options) {
        FlowDefinition def = flow.definition();
        Instant start = clock.instant();
        ObjectNode saved = store.checkpoint(def.name()).map(Json::parse).orElse(null);
        FlowRun run = store.startRun(def.name(), options.dryRun());
        SourceRead read = new SourceRead();
        List<String> warnings = new ArrayList<>();
        TableSchema s = flow.sourceSchema();
        Incremental inc = def.source().incremental();
        Cursor cursor;
        boolean resumed;
        Counter counter = new Counter(flow, run, options);
        try {
            Stream<Map<String, Object>> rows;
            if (inc instanceof Incremental.Watermark w) {
                WatermarkCursor c = WatermarkCursor.from(w.column(), s.primaryKey(), saved);
                resumed = c.value() != null;
                rows = read.fromWatermark(flow.source(), s, flow.readColumns(), w.column(), c);
                cursor = c;
            } else if (inc instanceof Incremental.ChangeTracking ct) {
                ChangeCursor c = ChangeCursor.from(saved);
                resumed = c.applied() > 0;
                rows = read.changes((DataverseRecordProvider) SharedProvider.unwrap(flow.source()), s,
                        flow.readColumns(), c, ct.failOnExpiry());
                if (read.resynced()) {
                    String msg = "the change tracking token of flow '" + def.name() + "' had expired; every row of '"
                            + s.name() + "' is read again (full resync)";
                    LOG.warn("{}", msg);
                    warnings.add(msg);
                    c = new ChangeCursor(null, 0);
                }
                cursor = c;
            } else {
                OffsetCursor c = saved != null && "offset".equals(saved.path("mode").asText())
                        ? OffsetCursor.from(saved) : new OffsetCursor(0);
                resumed = c.offset() > 0;
                rows = read.scan(flow.source(), s, flow.readColumns(), c);
                cursor = c;
            }
            try (rows) {
                Iterator<Map<String, Object>> it = rows.iterator();
                int size = def.target().chunkSize();
                while (it.hasNext()) {
                    List<Map<String, Object>> chunk = new ArrayList<>(size);
                    while (it.hasNext() && chunk.size() < size) {
                        chunk.add(it.next());
                    }
                    cursor = counter.chunk(chunk, cursor);
                }
            }
            if (!options.dryRun()) {
                if (inc instanceof Incremental.Full) {
                    store.resetCheckpoint(def.name());
                } else if (inc instanceof Incremental.ChangeTracking) {
                    ChangeCursor next = new ChangeCursor(read.nextToken().orElseThrow(), 0);
                    store.saveChunk(run.id(), def.name(), Json.write(next.state()), counter.counts, List.of());
                }
            }
        } catch (RuntimeException e) {
            store.finishRun(run.id(), "failed", counter.counts, e.getMessage());
            throw e;
        }
        store.finishRun(run.id(), "succeeded", counter.counts, null);
        FlowCounts c = counter.counts;
        Duration took = Duration.between(start, clock.instant());
        LOG.info("flow run done flow={} read={} created={} updated={} skipped={} rejected={} durationMs={}",
                def.name(), c.read(), c.created(), c.updated(), c.skipped(), c.rejected(), took.toMillis());
        return new RunSummary(run.id(), def.name(), options.dryRun(), c.read(), c.created(), c.updated(), c.skipped(),
                c.rejected(), took, resumed, warnings, counter.sample);
    }

    /**
     * Replays the flow's dead letters through its current mapping and target: those that now succeed are removed,
     * the others stay with their new error and one more attempt.
     */
    public RunSummary retryDeadLetters(CheckedFlow flow) {
        FlowDefinition def = flow.definition();
        Instant start = clock.instant();
        FlowRun run = store.startRun(def.name(), false);
        List<DeadLetter> letters = store.deadLetters(def.name());
        long created = 0;
        long updated = 0;
        long rejected = 0;
        for (int from = 0; from < letters.size(); from += def.target().chunkSize()) {
            List<DeadLetter> part = letters.subList(from, Math.min(letters.size(), from + def.target().chunkSize()));
            List<Map<String, Object>> mapped = new ArrayList<>();
            List<DeadLetter> sent = new ArrayList<>();
            for (DeadLetter d : part) {
                try {
                    mapped.add(flow.mapper().map(typed(Json.readRecord(d.source()), flow.sourceSchema())));
                    sent.add(d);
                } catch (SluiceException e) {
                    store.updateDeadLetter(d.id(), run.id(), e.kind().name(), e.getMessage());
                    rejected++;
                }
            }
            List<WriteOutcome> outcomes = mapped.isEmpty() ? List.of() : flow.target().write(def.target().table(),
                    def.target().write(), flow.targetKey(), mapped);
            for (int i = 0; i < outcomes.size(); i++) {
                WriteOutcome o = outcomes.get(i);
                if (o.failed()) {
                    store.updateDeadLetter(sent.get(i).id(), run.id(), o.errorKind().name(), o.message());
                    rejected++;
                } else {
                    store.deleteDeadLetter(sent.get(i).id());
                    created += o.status() == WriteOutcome.Status.CREATED ? 1 : 0;
                    updated += o.status() == WriteOutcome.Status.UPDATED || o.status() == WriteOutcome.Status.DELETED
                            ? 1 : 0;
                }
            }
        }
        FlowCounts counts = new FlowCounts(letters.size(), created, updated, 0, rejected);
        store.finishRun(run.id(), "succeeded", counts, null);
        return new RunSummary(run.id(), def.name(), false, letters.size(), created, updated, 0, rejected,
                Duration.between(start, clock.instant()), false, List.of(), List.of());
    }

    /** Dead letters keep values as JSON text; the source schema gives them their types back. */
    private static Map<String, Object> typed(Map<String, Object> r, TableSchema s) {
        Map<String, Object> out = new LinkedHashMap<>();
        r.forEach((k, v) -> {
            ColumnSchema c = s.column(k).orElse(null);
            out.put(k, c == null ? v : ValueConverter.convert(v, c));
        });
        return out;
    }

    /** The counters and chunk processing of one run. */
    private final class Counter {
        private final CheckedFlow flow;
        private final FlowDefinition def;
        private final FlowRun run;
        private final RunOptions options;
        private final List<Map<String, Object>> sample = new ArrayList<>();
        private final CreateIds ids;
        private FlowCounts counts = FlowCounts.ZERO;
        private long chunks;

        Counter(CheckedFlow flow, FlowRun run, RunOptions options) {
            this.flow = flow;
            this.def = flow.definition();
            this.run = run;
            this.options = options;
            this.ids = CreateIds.of(flow);
        }

        /** Maps and writes one chunk, saves the checkpoint after it, and returns the cursor past it. */
        Cursor chunk(List<Map<String, Object>> chunk, Cursor start) {
            long read = 0;
            long skipped = 0;
            long rejected = 0;
            long created = 0;
            long updated = 0;
            List<Map<String, Object>> mapped = new ArrayList<>();
            List<Integer> from = new ArrayList<>();
            List<FlowStore.NewDeadLetter> dead = new ArrayList<>();
            int stopAt = -1;
            SluiceException stop = null;
            for (int i = 0; i < chunk.size(); i++) {
                Map<String, Object> r = chunk.get(i);
                read++;
                if (r.containsKey(SourceRead.DELETED)) {
                    skipped++;
                    continue;
                }
                try {
                    if (flow.where() != null && !Boolean.TRUE.equals(flow.where().evaluate(r))) {
                        skipped++;
                        continue;
                    }
                    mapped.add(ids.assign(flow.mapper().map(r), r, start, i));
                    from.add(i);
                } catch (SluiceException e) {
                    if (def.errors() == ErrorPolicy.FAIL) {
                        stopAt = i;
                        stop = e;
                        break;
                    }
                    dead.add(new FlowStore.NewDeadLetter(Json.record(r), e.kind().name(), e.getMessage()));
                    rejected++;
                }
            }
            if (options.dryRun()) {
                for (Map<String, Object> m : mapped) {
                    if (sample.size() < options.sampleSize()) {
                        Map<String, Object> shown = new LinkedHashMap<>();
                        shown.put("write", def.target().write().name().toLowerCase());
                        shown.put("record", m);
                        sample.add(shown);
                    }
                }
            } else if (!mapped.isEmpty()) {
                List<WriteOutcome> outcomes = flow.target().write(def.target().table(), def.target().write(),
                        flow.targetKey(), mapped);
                for (int j = 0; j < outcomes.size(); j++) {
                    WriteOutcome o = outcomes.get(j);
                    int src = from.get(j);
                    switch (o.status()) {
                        case CREATED -> created++;
                        case UPDATED, DELETED -> updated++;
                        case UNCHANGED -> skipped++;
                        case FAILED -> {
                            if (def.errors() == ErrorPolicy.FAIL) {
                                if (stopAt < 0 || src < stopAt) {
                                    stopAt = src;
                                    stop = new SluiceException(o.errorKind(), o.message());
                                }
                            } else {
                                dead.add(new FlowStore.NewDeadLetter(Json.record(chunk.get(src)), o.errorKind().name(),
                                        o.message()));
                                rejected++;
                            }
                        }
                    }
                }
            }
            counts = counts.plus(new FlowCounts(read, created, updated, skipped, rejected));
            chunks++;
            Cursor end = start.copy();
            int upTo = stopAt < 0 ? chunk.size() : stopAt;
            for (int i = 0; i < upTo; i++) {
                end.advance(chunk.get(i));
            }
            if (!options.dryRun()) {
                store.saveChunk(run.id(), def.name(), Json.write(end.state()), counts, dead);
            }
            if (options.progress() != null) {
                options.progress().accept(new RunProgress(def.name(), chunks, counts));
            }
            if (stop != null) {
                throw new SluiceException(stop.kind(), "flow '" + def.name() + "' stopped at a bad record (errors: "
                        + "fail); the checkpoint is just before it: " + stop.getMessage());
            }
            return end;
        }
    }
}
