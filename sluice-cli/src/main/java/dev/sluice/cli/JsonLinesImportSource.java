package dev.sluice.cli;

import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.ColumnMetadata;
import dev.sluice.dataverse.TableMetadata;
import dev.sluice.flow.JsonLinesReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON lines read by sluice-flow's {@link JsonLinesReader}: one object per line; values that are text are converted
 * like CSV cells, others are sent as they are; a JSON null clears the column. Each distinct set of names gets its plan once. Not thread-safe.
 */
final class JsonLinesImportSource implements ImportSource {
    private final JsonLinesReader reader;
    private final String sourceName;
    private final Map<List<String>, ImportPlan> plans = new LinkedHashMap<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private TableMetadata meta;
    private WriteMode mode;
    private List<String> key;

    JsonLinesImportSource(BufferedReader reader, String sourceName) {
        this.reader = new JsonLinesReader(reader, false);
        this.sourceName = sourceName;
    }

    @Override
    public void open(TableMetadata m, WriteMode writeMode, List<String> keyColumns) {
        this.meta = m;
        this.mode = writeMode;
        this.key = keyColumns;
    }

    @Override
    public List<String> header() {
        return List.of();
    }

    @Override
    public ImportInput next() throws IOException {
        JsonLinesReader.Line l = reader.next();
        if (l == null) {
            return null;
        }
        return new ImportInput(l.number(), l.record() != null ? l.record() : l.text(), l.text());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> convert(ImportInput input, ColumnValues values, EmptyCells empty) {
        if (!(input.raw() instanceof Map)) {
            throw new IllegalArgumentException("is not a JSON object (" + sourceName + " line " + input.line() + ")");
        }
        Map<String, Object> raw = (Map<String, Object>) input.raw();
        if (raw.containsKey("@removed")) {
            return null;
        }
        List<String> names = new ArrayList<>(raw.keySet());
        ImportPlan plan = plans.computeIfAbsent(names, n -> {
            ImportPlan p = ImportPlan.of(meta, n, mode, key);
            skipped.putAll(p.skipped());
            return p;
        });
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            ColumnMetadata c = plan.columns().get(i);
            Object v = raw.get(names.get(i));
            if (c == null) {
                continue;
            }
            if (v instanceof String s) {
                values.put(record, c, s, empty, key.contains(c.logicalName()));
            } else if (v == null) {
                Map.Entry<String, Object> e = values.convert(c, null);
                if (e != null) {
                    record.put(e.getKey(), null);
                }
            } else {
                record.put(c.logicalName(), v);
            }
        }
        return record;
    }

    @Override
    public Map<String, String> skipped() {
        return skipped;
    }
}
