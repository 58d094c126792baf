package dev.sluice.flow;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Writes records as JSON lines (one object per line, LF) or as one JSON array (two-space indented objects), the one
 * JSON-lines writer of Sluice (the CLI's {@code query --format json|jsonl}, {@code export}, and
 * {@link FileRecordProvider}). One Jackson generator streams every record straight into the output: no map copied
 * and no string built per record (over a million rows those copies were the largest part of {@code sluice query
 * --format jsonl}'s own CPU). Text, numbers, booleans and null are written as they are; any other value is first
 * passed through the {@code other} function given at construction and then written as Jackson's
 * {@link ObjectMapper} writes it. Not thread-safe; never closes the writer.
 */
public final class JsonRecordWriter {
    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    /** For other values (nested records, lists): no flush after each. */
    private static final ObjectWriter VALUES = JSON.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private final Writer out;
    private final boolean array;
    private final UnaryOperator<Object> other;
    private JsonGenerator json;
    private boolean first = true;

    /**
     * Writes to {@code out}: one JSON array when {@code array}, else JSON lines; {@code other} turns values other
     * than text, numbers, booleans and null into what is written.
     */
    public JsonRecordWriter(Writer out, boolean array, UnaryOperator<Object> other) {
        this.out = out;
        this.array = array;
        this.other = other;
    }

    /** Writes one record: these columns in this order (a missing one as null), or every value when empty. */
    public void write(List<String> columns, Map<String, Object> values) throws IOException {
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
            for (Map.Entry<String, Object> e : values.entrySet()) {
                json.writeFieldName(e.getKey());
                value(e.getValue());
            }
        } else {
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
        } else if (v instanceof Double d) {
            json.writeNumber(d);
        } else {
            VALUES.writeValue(json, other.apply(v));
        }
    }

    /** Writes what is held back (the array's closing bracket) and flushes the writer; does not close it. */
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
