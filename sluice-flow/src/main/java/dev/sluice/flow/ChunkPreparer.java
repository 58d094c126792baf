package dev.sluice.flow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.flow.internal.Expression;
import dev.sluice.flow.internal.run.Cursor;
import dev.sluice.flow.internal.run.Json;
import dev.sluice.flow.internal.run.SourceRead;
import dev.sluice.flow.internal.run.TargetKeys;
import dev.sluice.store.FlowStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a chunk of source records into a {@link PreparedChunk}: checks the in-memory part of {@code where}, maps each
 * record (a create into Dataverse gets its derived id, {@link CreateIds}), turns source deletions into target keys,
 * and collects what mapping rejects. Runs on the run's reader thread, one chunk at a time; not thread-safe.
 */
final class ChunkPreparer {
    private final CheckedFlow flow;
    private final Expression where;
    private final OnDelete onDelete;
    private final boolean deleteUnmatched;
    private final TargetKeys keys;
    private final CreateIds ids;

    /**
     * @param deleteUnmatched whether a changed row that no longer matches {@code where} is deleted from the target
     *     (a change-tracking delta with {@code on-delete})
     * @param keys the key codec when the chunk's keys are kept for a full compare, else null
     */
    ChunkPreparer(CheckedFlow flow, boolean deleteUnmatched, TargetKeys keys) {
        this.flow = flow;
        this.where = flow.wherePlan().inMemory();
        this.onDelete = flow.definition().target().onDelete();
        this.deleteUnmatched = deleteUnmatched;
        this.keys = keys;
        this.ids = CreateIds.of(flow);
    }

    PreparedChunk prepare(long seq, List<Map<String, Object>> chunk, Cursor start) {
        boolean fail = flow.definition().errors() == ErrorPolicy.FAIL;
        ColumnSchema mark = flow.markColumn();
        List<Map<String, Object>> mapped = new ArrayList<>(chunk.size());
        List<Integer> mappedFrom = new ArrayList<>(chunk.size());
        List<Map<String, Object>> deletes = new ArrayList<>();
        List<Integer> deletesFrom = new ArrayList<>();
        List<FlowStore.NewDeadLetter> dead = new ArrayList<>();
        ArrayNode seen = keys == null ? null : Json.MAPPER.createArrayNode();
        boolean keyless = false;
        long read = 0;
        long skipped = 0;
        long rejected = 0;
        int stopAt = -1;
        SluiceException stop = null;
        for (int i = 0; i < chunk.size(); i++) {
            Map<String, Object> r = chunk.get(i);
            read++;
            try {
                if (r.containsKey(SourceRead.DELETED)) {
                    if (onDelete == OnDelete.IGNORE) {
                        skipped++;
                    } else {
                        Map<String, Object> id = new LinkedHashMap<>(r);
                        id.remove(SourceRead.DELETED);
                        deletes.add(flow.keyMapper().map(id));
                        deletesFrom.add(i);
                    }
                    continue;
                }
                if (where != null && !Boolean.TRUE.equals(where.evaluate(r))) {
                    if (deleteUnmatched) {
                        deletes.add(flow.keyMapper().map(r));
                        deletesFrom.add(i);
                    } else {
                        skipped++;
                    }
                    continue;
                }
                Map<String, Object> m = ids.assign(flow.mapper().map(r), r, start, i);
                if (mark != null && !m.containsKey(mark.name())) {
                    m.put(mark.name(), mark.kind() == ColumnKind.BOOLEAN ? Boolean.FALSE : null);
                }
                mapped.add(m);
                mappedFrom.add(i);
                if (seen != null) {
                    keyless |= !see(seen, m);
                }
            } catch (SluiceException e) {
                if (fail) {
                    stopAt = i;
                    stop = e;
                    break;
                }
                dead.add(new FlowStore.NewDeadLetter(Json.record(r), e.kind().name(), e.getMessage()));
                rejected++;
                if (seen != null) {
                    keyless |= !seeKeyOf(seen, r);
                }
            } catch (RuntimeException e) {
                SluiceException s = new SluiceException(ErrorKind.INTERNAL, "record " + i + ": "
                        + e.getClass().getSimpleName());
                if (fail) {
                    stopAt = i;
                    stop = s;
                    break;
                }
                dead.add(new FlowStore.NewDeadLetter(Json.record(r), s.kind().name(), s.getMessage()));
                rejected++;
            }
        }
        Cursor end = start.copy();
        int upTo = stopAt < 0 ? chunk.size() : stopAt;
        for (int i = 0; i < upTo; i++) {
            end.advance(chunk.get(i));
        }
        return new PreparedChunk(seq, start, chunk, mapped, mappedFrom, deletes, deletesFrom, dead, read, skipped,
                rejected, stopAt, stop, end, end.state(), seen, keyless);
    }

    private boolean see(ArrayNode seen, Map<String, Object> target) {
        ArrayNode k = keys.encode(target);
        if (k != null) {
            seen.add(k);
        }
        return k != null;
    }

    /** The key of a record that could not be mapped, so its target row is not taken for deleted. */
    private boolean seeKeyOf(ArrayNode seen, Map<String, Object> source) {
        try {
            return see(seen, flow.keyMapper().map(source));
        } catch (SluiceException e) {
            return false;
        }
    }
}
