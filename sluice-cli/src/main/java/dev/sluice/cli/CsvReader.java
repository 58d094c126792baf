package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV one record at a time (quoted fields may hold commas, quotes and line breaks; CRLF or LF),
 * remembering the line each record starts on. A UTF-8 byte order mark is skipped. Not thread-safe.
 */
final class CsvReader implements AutoCloseable {
    private final Reader in;
    private final String source;
    private int line = 1;
    private int recordLine;
    private int peeked = -2;

    CsvReader(Reader in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The line the last record read started on (1-based). */
    int recordLine() {
        return recordLine;
    }

    /** The next record's fields, or null at the end. */
    List<String> next() throws IOException {
        int c = read();
        if (c == '\uFEFF' && line == 1 && recordLine == 0) {
            c = read();
        }
        while (c == '\r' || c == '\n') {
            c = read();
        }
        if (c == -1) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new SluiceException(ErrorKind.INVALID_INPUT, source + " line " + recordLine
                            + ": a quoted field is not closed; close it with \"");
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = d;
                        continue;
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n' || c == -1) {
                if (c == '\r') {
                    int d = read();
                    if (d != '\n') {
                        unread(d);
                    }
                }
                fields.add(field.toString());
                return fields;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        int c;
        if (peeked != -2) {
            c = peeked;
            peeked = -2;
        } else {
            c = in.read();
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private void unread(int c) {
        if (c == '\n') {
            line--;
        }
        peeked = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
