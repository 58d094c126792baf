package dev.sluice.flow;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.RecordProvider;
import dev.sluice.core.SearchRequest;
import dev.sluice.core.TableSchema;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A small in-memory provider with a choice column, for choice label tests (a real SPI implementation, no mocks). */
final class ColumnChoices implements RecordProvider {
    final List<Map<String, Object>> written = new ArrayList<>();

    @Override
    public List<String> tables() {
        return List.of("lead");
    }

    @Override
    public TableSchema describe(String table) {
        Map<Integer, String> ordered = new LinkedHashMap<>();
        ordered.put(1, "Hot");
        ordered.put(2, "Warm");
        ordered.put(3, "Cold");
        return new TableSchema("lead", List.of(new ColumnSchema("id", ColumnKind.INTEGER, true, true, Map.of(), List.of()),
                new ColumnSchema("rating", ColumnKind.CHOICE, false, true, ordered, List.of())), List.of("id"), List.of());
    }

    @Override
    public Stream<Map<String, Object>> search(SearchRequest request) {
        return written.stream();
    }

    @Override
    public List<WriteOutcome> write(String table, WriteMode mode, List<String> key, List<Map<String, Object>> records) {
        List<WriteOutcome> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            written.add(records.get(i));
            out.add(WriteOutcome.ok(i, WriteOutcome.Status.CREATED, null));
        }
        return out;
    }

}
