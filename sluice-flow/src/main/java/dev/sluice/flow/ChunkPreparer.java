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
import java.util.Locale;
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
    private final KeyMemory memory;
    private final TargetKeys remember;
    private final String idColumn;

    /**
     * @param deleteUnmatched whether a changed row that no longer matches {@code where} is deleted from the target
     *     (a change-tracking delta with {@code on-delete})
     * @param keys the key codec when the chunk's keys are kept for a full compare, else null
     * @param memory the flow's memory of its rows' target keys, or null; deletions and rows no longer matching
     *     {@code where} then go to the memory instead of being mapped, and a row the memory says was already
     *     written exactly so is not written again
     */
    ChunkPreparer(CheckedFlow flow, boolean deleteUnmatched, TargetKeys keys, KeyMemory memory) {
        this.flow = flow;
        this.where = flow.wherePlan().inMemory();
        this.onDelete = flow.definition().target().onDelete();
        this.deleteUnmatched = deleteUnmatched;
        this.keys = keys;
        this.ids = CreateIds.of(flow);
        this.memory = memory;
        this.remember = memory == null ? null : KeyMemory.codec(flow);
        this.idColumn = memory == null ? null : flow.sourceSchema().primaryKey().get(0);
    }

    /** A source record's id as the memory keys it (Dataverse ids are GUIDs, compared ignoring case). */
    static String sourceId(Object id) {
        return id == null ? null : id.toString().toLowerCase(Locale.ROOT);
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
        List<String> mappedIds = remember == null ? null : new ArrayList<>();
        List<String> mappedKeys = remember == null ? null : new ArrayList<>();
        List<String> mappedDigests = remember == null ? null : new ArrayList<>();
        List<String> goneIds = remember == null ? null : new ArrayList<>();
        List<Integer> goneFrom = remember == null ? null : new ArrayList<>();
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
                boolean deleted = r.containsKey(SourceRead.DELETED);
                boolean matches = deleted || where == null || Boolean.TRUE.equals(where.evaluate(r));
                if (remember != null && (deleted || !matches)) {
                    goneIds.add(sourceId(r.get(idColumn)));
                    goneFrom.add(i);
                    continue;
                }
                if (deleted) {
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
                if (!matches) {
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
                if (remember != null) {
                    ArrayNode k = remember.encode(m);
                    mappedIds.add(sourceId(r.get(idColumn)));
                    mappedKeys.add(k == null ? null : k.toString());
                    mappedDigests.add(KeyMemory.digest(m));
                }
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
        PreparedChunk.Remembered remembered = null;
        if (memory != null) {
            remembered = memory.recall(mapped, mappedFrom, new PreparedChunk.Remembered(mappedIds, mappedKeys,
                    mappedDigests, goneIds, goneFrom, Map.of()));
            skipped += mappedIds.size() - remembered.mappedIds().size();
        }
        return new PreparedChunk(seq, start, chunk, mapped, mappedFrom, deletes, deletesFrom, dead, read, skipped,
                rejected, stopAt, stop, end, end.state(), seen, keyless, remembered);
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
            // the record's key cannot be mapped either: it cannot protect a target row, and its own failure is recorded
            return false;
        }
    }
}
