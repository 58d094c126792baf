package dev.sluice.flow;

import dev.sluice.store.FlowCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a dry run would have written, as a sample of at most {@code sampleSize} records, each with the write it would
 * have been (the write mode, or the {@code on-delete} action for a deletion). Not thread-safe; one per run.
 */
final class RunSample {
    private final FlowDefinition def;
    private final int size;
    private final List<Map<String, Object>> records = new ArrayList<>();

    RunSample(FlowDefinition def, int size) {
        this.def = def;
        this.size = size;
    }

    /** The sample so far (the list itself). */
    List<Map<String, Object>> records() {
        return records;
    }

    /** A dry run's chunk: nothing written, the mapped records and deletions kept as a sample. */
    ChunkWriter.Outcome dry(PreparedChunk p) {
        for (Map<String, Object> m : p.mapped()) {
            if (records.size() < size) {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("write", def.target().write().name().toLowerCase(Locale.ROOT));
                shown.put("record", m);
                records.add(shown);
            }
        }
        deletions(p.deletes());
        return new ChunkWriter.Outcome(new FlowCounts(p.read(), 0, 0, p.skipped(), p.rejected(), 0), p.dead(),
                -1, null, List.of());
    }

    /** Deletions (target keys) a dry run would have made. */
    void deletions(List<Map<String, Object>> keys) {
        for (Map<String, Object> k : keys) {
            if (records.size() < size) {
                records.add(Map.of("write", def.target().onDelete().name().toLowerCase(Locale.ROOT), "record", k));
            }
        }
    }
}
