package dev.sluice.flow.internal.files;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV: comma-separated fields, fields in double quotes may hold commas, line breaks and doubled
 * quotes; records end with CRLF or LF. A UTF-8 byte order mark is skipped. Not thread-safe.
 */
public final class CsvReader implements AutoCloseable {
    private final Reader in;
    private final String file;
    private int line = 1;
    private int peeked = -2;

    public CsvReader(Reader in, String file) {
        this.in = in;
        this.file = file;
    }

    /** The next record's fields, or null at the end of the input. */
    public List<String> next() throws IOException {
        int c = read();
        if (c == '\uFEFF' && line == 1) {
            c = read();
        }
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        int start = line;
        while (true) {
            if (c == '"' && f.length() == 0) {
                while (true) {
                    c = read();
                    if (c == -1) {
                        throw new SluiceException(ErrorKind.INVALID_INPUT, file + " line " + start + ": a quoted field "
                                + "is not closed");
                    }
                    if (c == '"') {
                        int d = read();
                        if (d == '"') {
                            f.append('"');
                            continue;
                        }
                        c = d;
                        break;
                    }
                    if (c == '\n') {
                        line++;
                    }
                    f.append((char) c);
                }
                if (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    throw new SluiceException(ErrorKind.INVALID_INPUT, file + " line " + line + ": unexpected "
                            + "character after a closing quote; double a quote inside a quoted field");
                }
            }
            if (c == ',') {
                fields.add(f.toString());
                f.setLength(0);
                c = read();
                continue;
            }
            if (c == '\r') {
                int d = read();
                if (d != '\n') {
                    unread(d);
                }
                c = '\n';
            }
            if (c == '\n' || c == -1) {
                if (c == '\n') {
                    line++;
                }
                fields.add(f.toString());
                return fields;
            }
            f.append((char) c);
            c = read();
        }
    }

    /** The line the next record starts on. */
    public int line() {
        return line;
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int p = peeked;
            peeked = -2;
            return p;
        }
        return in.read();
    }

    private void unread(int c) {
        peeked = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
