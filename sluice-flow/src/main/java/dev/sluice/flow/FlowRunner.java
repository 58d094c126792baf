package dev.sluice.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.core.WriteOutcome;
import dev.sluice.flow.internal.ValueConverter;
import dev.sluice.flow.internal.run.Json;
import dev.sluice.store.DeadLetter;
import dev.sluice.store.FlowCounts;
import dev.sluice.store.FlowRun;
import dev.sluice.store.FlowStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs checked flows: reads the source in chunks on a thread of its own, maps each record (CEL per record,
 * conversion to the target's types, lookups bound by alternate key), writes each chunk through the target provider
 * while the next is read, carries source deletions over ({@code on-delete}), and saves a checkpoint in the engine
 * store after every chunk's write, together with the chunk's dead letters and the run's counters. A run killed at
 * any moment continues from its last checkpoint when started again; with keyed writes the target ends as if it had
 * never been interrupted. Thread-safe: runs of different flows may go on at once.
 */
public final class FlowRunner {
    private final FlowStore store;
    private final Clock clock;

    public FlowRunner(FlowStore store) {
        this(store, Clock.systemUTC());
    }

    public FlowRunner(FlowStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Runs a flow from its checkpoint, reading ahead while it writes; a failure is recorded on the run and thrown.
     * A run whose store record says someone asked it to stop ends at the next chunk boundary with status
     * {@code cancelled} and its checkpoint kept.
     */
    public RunSummary run(CheckedFlow flow, RunOptions options) {
        FlowDefinition def = flow.definition();
        ObjectNode saved = store.checkpoint(def.name()).map(Json::parse).orElse(null);
        FlowRun run = options.runId() != null
                ? store.run(def.name(), options.runId()).orElseThrow(() -> new SluiceException(ErrorKind.NOT_FOUND,
                        "no run " + options.runId() + " of flow '" + def.name() + "'"))
                : store.startRun(def.name(), options.dryRun(), options.startedBy(), options.startedVia());
        RunExecution x = new RunExecution(store, clock, flow, options, run, saved);
        try {
            return x.run();
        } catch (RuntimeException e) {
            store.finishRun(run.id(), FlowRun.FAILED, x.counts(), e.getMessage());
            throw e;
        }
    }

    /**
     * Replays the flow's dead letters through its current mapping and target: those that now succeed are removed,
     * the others stay with their new error and one more attempt.
     */
    public RunSummary retryDeadLetters(CheckedFlow flow) {
        FlowDefinition def = flow.definition();
        Instant start = clock.instant();
        FlowRun run = store.startRun(def.name(), false, null, "retry");
        List<DeadLetter> letters = store.deadLetters(def.name());
        long created = 0;
        long updated = 0;
        long upserted = 0;
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
                    upserted += o.status() == WriteOutcome.Status.UPSERTED ? 1 : 0;
                    updated += o.status() == WriteOutcome.Status.UPDATED || o.status() == WriteOutcome.Status.DELETED
                            ? 1 : 0;
                }
            }
        }
        FlowCounts counts = new FlowCounts(letters.size(), created, updated, 0, rejected, 0, upserted);
        store.finishRun(run.id(), FlowRun.SUCCEEDED, counts, null);
        return RunSummary.of(run.id(), def.name(), false, counts, Duration.between(start, clock.instant()), false,
                List.of(), List.of(), FlowRun.SUCCEEDED, null);
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
}
