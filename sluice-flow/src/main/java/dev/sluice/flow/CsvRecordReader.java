package dev.sluice.flow;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV one record at a time with jackson-dataformat-csv, the one CSV reader of Sluice (the CLI's
 * {@code import}, the demos and {@link FileRecordProvider} all use it). RFC 4180: comma-separated fields, fields in
 * double quotes may hold commas, doubled quotes and line breaks; records end with CRLF or LF; empty lines are
 * skipped; spaces around fields are kept; a UTF-8 byte order mark at the start is skipped; no comment lines (a {@code #} is data). A character
 * after a closing quote other than a comma or a line end is an INVALID_INPUT error naming the source and line, as is
 * a quoted field that is never closed. The reader decodes nothing: give it a reader of the file's UTF-8 text.
 * Not thread-safe.
 */
public final class CsvRecordReader implements AutoCloseable {
    // not CsvParser.Feature.SKIP_EMPTY_LINES: it also drops the spaces that start a record's first field
    private static final CsvFactory CSV = new CsvFactory();
    private static final char BOM = '\uFEFF';

    private final CsvParser parser;
    private final String source;
    private long recordLine;

    /** Reads {@code in}; {@code source} names it in errors (a file name). */
    public CsvRecordReader(Reader in, String source) throws IOException {
        PushbackReader text = new PushbackReader(in, 1);
        int first = text.read();
        if (first != -1 && first != BOM) {
            text.unread(first);
        }
        this.parser = CSV.createParser(text);
        this.parser.setSchema(CsvSchema.emptySchema());
        this.source = source;
    }

    /** The next record's fields, or null at the end of the input. */
    public List<String> next() throws IOException {
        try {
            while (parser.nextToken() == JsonToken.START_ARRAY) {
                List<String> fields = new ArrayList<>();
                String v = parser.nextTextValue();
                recordLine = parser.currentTokenLocation().getLineNr();
                while (v != null) {
                    fields.add(v);
                    v = parser.nextTextValue();
                }
                if (fields.size() > 1 || !fields.get(0).isEmpty()) {
                    return fields;
                }
            }
            return null;
        } catch (StreamReadException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, source + " line " + e.getLocation().getLineNr() + ": "
                    + problem(e.getOriginalMessage()));
        }
    }

    /** The next record as column names (each trimmed), for a header line; null at the end of the input. */
    public List<String> header() throws IOException {
        List<String> h = next();
        return h == null ? null : h.stream().map(String::trim).toList();
    }

    /** The line the last record read starts on (1-based). */
    public long recordLine() {
        return recordLine;
    }

    private static String problem(String jackson) {
        String m = jackson == null ? "" : jackson.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("missing closing quote") || m.contains("eof")) {
            return "a quoted field is not closed; close it with \"";
        }
        if (m.contains("expected column separator") || m.contains("expected separator")) {
            return "unexpected character after a closing quote; double a quote inside a quoted field";
        }
        return "not CSV (" + jackson + ")";
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
