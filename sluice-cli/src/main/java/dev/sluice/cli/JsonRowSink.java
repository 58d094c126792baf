package dev.sluice.cli;

import dev.sluice.dataverse.Row;
import dev.sluice.flow.JsonRecordWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Writes rows as one JSON array (streamed) or as JSON lines, one object per line, through sluice-flow's
 * {@link JsonRecordWriter} (one generator streams every row; values other than text, numbers and booleans, such as
 * expanded rows and lists, as {@link CellText#plainValue}). Not thread-safe.
 */
final class JsonRowSink implements RowSink {
    private final JsonRecordWriter json;
    private final List<String> columns;

    JsonRowSink(Writer out, List<String> columns, boolean array) {
        this.json = new JsonRecordWriter(out, array, CellText::plainValue);
        this.columns = columns;
    }

    @Override
    public void write(Row row) throws IOException {
        json.write(columns, row.values());
    }

    /** Writes these values as one object, every one in order, whatever the sink's columns. */
    void writeValues(Map<String, Object> values) throws IOException {
        json.write(List.of(), values);
    }

    @Override
    public void finish() throws IOException {
        json.finish();
    }
}
