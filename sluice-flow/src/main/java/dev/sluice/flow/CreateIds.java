package dev.sluice.flow;

import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.dataverse.RecordIds;
import dev.sluice.flow.internal.run.Cursor;
import dev.sluice.flow.internal.run.OffsetCursor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each record a flow creates in a Dataverse table a primary id derived from the flow, the source table and
 * the record's source key (its position for a source without one, such as a file), unless the map sets the id:
 * then a chunk written again after a crash, or a flow run again from the start, finds its rows instead of
 * creating them twice. Other writes and targets are left alone. Immutable.
 */
final class CreateIds {
    private static final CreateIds NONE = new CreateIds(null, null, List.of(), null);

    private final String flow;
    private final String sourceTable;
    private final List<String> sourceKey;
    private final String idColumn;

    private CreateIds(String flow, String sourceTable, List<String> sourceKey, String idColumn) {
        this.flow = flow;
        this.sourceTable = sourceTable;
        this.sourceKey = sourceKey;
        this.idColumn = idColumn;
    }

    static CreateIds of(CheckedFlow checked) {
        FlowDefinition def = checked.definition();
        List<String> pk = checked.targetSchema().primaryKey();
        if (def.target().write() != WriteMode.CREATE || pk.size() != 1
                || !(SharedProvider.unwrap(checked.target()) instanceof DataverseRecordProvider)) {
            return NONE;
        }
        return new CreateIds(def.name(), def.source().table(), checked.sourceSchema().primaryKey(), pk.get(0));
    }

    /**
     * The mapped record with its id: {@code source} is the record as read, {@code chunkStart} the cursor at the
     * start of its chunk and {@code i} its place in the chunk.
     */
    Map<String, Object> assign(Map<String, Object> mapped, Map<String, Object> source, Cursor chunkStart, int i) {
        if (idColumn == null || mapped.get(idColumn) != null) {
            return mapped;
        }
        String natural;
        if (!sourceKey.isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (String k : sourceKey) {
                b.append(k).append('=').append(source.get(k)).append('\u001f');
            }
            natural = b.toString();
        } else if (chunkStart instanceof OffsetCursor c) {
            natural = "#" + (c.offset() + i);
        } else {
            return mapped;
        }
        Map<String, Object> out = new LinkedHashMap<>(mapped);
        out.put(idColumn, RecordIds.of("sluice flow", flow, sourceTable, natural));
        return out;
    }
}
