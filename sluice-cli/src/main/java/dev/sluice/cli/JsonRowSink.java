package dev.sluice.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.dataverse.Row;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes rows as one JSON array (streamed) or as JSON lines, one object per line. One generator streams every row
 * straight into the output: no map copied per row and no string per row (over a million rows those copies were the
 * largest part of {@code sluice query --format jsonl}'s own CPU). Values print as Jackson's {@link ObjectMapper} prints
 * them. Not thread-safe.
 */
final class JsonRowSink implements RowSink {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    /** For values other than text, numbers, booleans and null (expanded rows, lists): no flush after each. */
    private static final ObjectWriter VALUES = JSON.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    private final Writer out;
    private final List<String> columns;
    private final boolean array;
    private JsonGenerator json;
    private boolean first = true;

    JsonRowSink(Writer out, List<String> columns, boolean array) {
        this.out = out;
        this.columns = columns;
        this.array = array;
    }

    @Override
    public void write(Row row) throws IOException {
        if (json == null) {
            json = JSON.getFactory().createGenerator(out);
            json.setRootValueSeparator(null);
        }
        if (array) {
            json.writeRaw(first ? "[\n  " : ",\n  ");
        }
        first = false;
        json.writeStartObject();
        if (columns.isEmpty()) {
            for (Map.Entry<String, Object> e : row.values().entrySet()) {
                json.writeFieldName(e.getKey());
                value(e.getValue());
            }
        } else {
            Map<String, Object> values = row.values();
            for (String c : columns) {
                json.writeFieldName(c);
                value(values.get(c));
            }
        }
        json.writeEndObject();
        if (!array) {
            json.writeRaw('\n');
        }
    }

    private void value(Object v) throws IOException {
        if (v == null) {
            json.writeNull();
        } else if (v instanceof String s) {
            json.writeString(s);
        } else if (v instanceof BigDecimal d) {
            json.writeNumber(d);
        } else if (v instanceof Integer i) {
            json.writeNumber(i);
        } else if (v instanceof Long l) {
            json.writeNumber(l);
        } else if (v instanceof Boolean b) {
            json.writeBoolean(b);
        } else {
            VALUES.writeValue(json, CellText.plainValue(v));
        }
    }

    @Override
    public void finish() throws IOException {
        if (json != null) {
            json.flush();
        }
        if (array) {
            out.write(first ? "[]\n" : "\n]\n");
            first = true;
        }
        out.flush();
    }
}
