package dev.sluice.flow;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import dev.sluice.flow.internal.run.Json;
import dev.sluice.store.FlowCounts;
import dev.sluice.store.FlowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a prepared chunk through the target provider: the mapped records in the flow's write mode, then the
 * deletions ({@code on-delete: delete} as deletes by key, {@code mark} as updates of the mark column). Every record
 * gets an outcome: counted, or a dead letter with its source record, or (with {@code errors: fail}) the stop.
 * Thread-safe: chunks may be written from several threads at once when the target takes parallel writes.
 */
final class ChunkWriter {
    /** What writing a chunk did; {@code failed}: the source record indexes whose writes failed. */
    record Outcome(FlowCounts counts, List<FlowStore.NewDeadLetter> dead, int stopAt, SluiceException stop,
            List<Integer> failed) {}

    private final CheckedFlow flow;
    private final Instant markTime;

    /** {@code markTime}: what a date-time mark column is set to. */
    ChunkWriter(CheckedFlow flow, Instant markTime) {
        this.flow = flow;
        this.markTime = markTime;
    }

    Outcome write(PreparedChunk p) {
        TargetSpec target = flow.definition().target();
        boolean fail = flow.definition().errors() == ErrorPolicy.FAIL;
        Tally t = new Tally(p, fail);
        if (!p.mapped().isEmpty()) {
            List<WriteOutcome> outs = flow.target().write(target.table(), target.write(), flow.targetKey(), p.mapped());
            for (int j = 0; j < outs.size(); j++) {
                WriteOutcome o = outs.get(j);
                switch (o.status()) {
                    case CREATED -> t.created++;
                    case UPDATED, DELETED -> t.updated++;
                    case UPSERTED -> t.upserted++;
                    case UNCHANGED -> t.skipped++;
                    case FAILED -> t.failed(p.mappedFrom().get(j), o);
                }
            }
        }
        if (!p.deletes().isEmpty()) {
            deletes(p.deletes(), p.deletesFrom(), t);
        }
        List<FlowStore.NewDeadLetter> dead = new ArrayList<>(p.dead());
        dead.addAll(t.dead);
        return new Outcome(new FlowCounts(p.read(), t.created, t.updated, p.skipped() + t.skipped,
                p.rejected() + t.rejected, t.deleted, t.upserted), dead, t.stopAt, t.stop, t.failed);
    }

    /** Deletes (or marks) target rows by key; a row already gone is skipped. */
    void deletes(List<Map<String, Object>> keys, List<Integer> from, Tally t) {
        TargetSpec target = flow.definition().target();
        List<WriteOutcome> outs;
        if (target.onDelete() == OnDelete.MARK) {
            ColumnSchema mark = flow.markColumn();
            Object value = mark.kind() == ColumnKind.BOOLEAN ? Boolean.TRUE
                    : mark.kind() == ColumnKind.DATETIME ? markTime : markTime.toString();
            List<Map<String, Object>> marks = new ArrayList<>(keys.size());
            for (Map<String, Object> k : keys) {
                Map<String, Object> m = new LinkedHashMap<>(k);
                m.put(mark.name(), value);
                marks.add(m);
            }
            outs = flow.target().write(target.table(), WriteMode.UPDATE, flow.targetKey(), marks);
        } else {
            outs = flow.target().write(target.table(), WriteMode.DELETE, flow.targetKey(), keys);
        }
        for (int j = 0; j < outs.size(); j++) {
            WriteOutcome o = outs.get(j);
            if (o.status() == WriteOutcome.Status.DELETED || o.status() == WriteOutcome.Status.UPDATED) {
                t.deleted++;
            } else if (o.status() == WriteOutcome.Status.UNCHANGED || o.errorKind() == ErrorKind.NOT_FOUND) {
                t.skipped++;
            } else if (o.failed()) {
                t.failed(from.get(j), o);
            }
        }
    }

    /** The counts and dead letters of one chunk's writes. */
    static final class Tally {
        private final PreparedChunk chunk;
        private final boolean fail;
        private final List<FlowStore.NewDeadLetter> dead = new ArrayList<>();
        private final List<Integer> failed = new ArrayList<>();
        long created;
        long updated;
        long upserted;
        long skipped;
        long rejected;
        long deleted;
        int stopAt = -1;
        SluiceException stop;

        Tally(PreparedChunk chunk, boolean fail) {
            this.chunk = chunk;
            this.fail = fail;
        }

        void failed(int source, WriteOutcome o) {
            failed.add(source);
            if (fail) {
                if (stopAt < 0 || source < stopAt) {
                    stopAt = source;
                    stop = new SluiceException(o.errorKind(), o.message());
                }
                return;
            }
            Map<String, Object> record = chunk == null ? Map.of() : chunk.records().get(source);
            dead.add(new FlowStore.NewDeadLetter(Json.record(record), o.errorKind().name(), o.message()));
            rejected++;
        }

        List<FlowStore.NewDeadLetter> dead() {
            return dead;
        }

        /** The source record indexes whose writes failed. */
        List<Integer> failedFrom() {
            return failed;
        }
    }
}
