package dev.sluice.flow;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes CSV records with jackson-dataformat-csv, the one CSV writer of Sluice (the CLI's {@code query --format csv},
 * {@code export}, rejects file, and {@link FileRecordProvider}). RFC 4180 with CRLF line ends; a field is quoted only
 * when it must be (it holds a comma, a double quote, CR or LF; not for spaces, nor a leading {@code #}), quotes doubled inside; a
 * null is an empty field; no byte order mark. Buffers: {@link #flush()} to push what is written to the writer, which
 * it never closes. Not thread-safe.
 */
public final class CsvRecordWriter {
    private static final CsvFactory CSV = CsvFactory.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    private static final CsvSchema RFC_4180 = CsvSchema.emptySchema().withLineSeparator("\r\n");

    private final CsvGenerator csv;

    /** Writes to {@code out}. */
    public CsvRecordWriter(Writer out) {
        try {
            csv = (CsvGenerator) CSV.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        csv.setSchema(RFC_4180);
    }

    /** Writes one record. */
    public void write(List<String> fields) throws IOException {
        csv.writeStartArray();
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i);
            csv.writeString(f == null ? "" : f);
        }
        csv.writeEndArray();
    }

    /** Writes one record. */
    public void write(String[] fields) throws IOException {
        csv.writeStartArray();
        for (String f : fields) {
            csv.writeString(f == null ? "" : f);
        }
        csv.writeEndArray();
    }

    /** Writes what is buffered to the writer and flushes it. */
    public void flush() throws IOException {
        csv.flush();
    }

    /** One record as CSV text, with its CRLF. */
    public static String line(List<String> fields) {
        StringWriter s = new StringWriter();
        try {
            CsvRecordWriter w = new CsvRecordWriter(s);
            w.write(fields);
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s.toString();
    }
}
