package dev.sluice.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.dataverse.Row;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes rows as one JSON array (streamed) or as JSON lines, one object per line. Not thread-safe. */
final class JsonRowSink implements RowSink {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private final Writer out;
    private final List<String> columns;
    private final boolean array;
    private boolean first = true;

    JsonRowSink(Writer out, List<String> columns, boolean array) {
        this.out = out;
        this.columns = columns;
        this.array = array;
    }

    @Override
    public void write(Row row) throws IOException {
        Map<String, Object> all = CellText.plain(row);
        Map<String, Object> values = all;
        if (!columns.isEmpty()) {
            values = new LinkedHashMap<>();
            for (String c : columns) {
                values.put(c, all.get(c));
            }
        }
        if (array) {
            out.write(first ? "[\n  " : ",\n  ");
        }
        first = false;
        out.write(JSON.writeValueAsString(values));
        if (!array) {
            out.write('\n');
        }
    }

    @Override
    public void finish() throws IOException {
        if (array) {
            out.write(first ? "[]\n" : "\n]\n");
            first = true;
        }
        out.flush();
    }
}
