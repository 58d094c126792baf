package dev.sluice.cli;

import dev.sluice.dataverse.Row;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes rows as RFC 4180 CSV (CRLF line ends, fields quoted when needed), with a header line. Not thread-safe. */
final class CsvRowSink implements RowSink {
    private final Writer out;
    private List<String> columns;
    private boolean header;

    CsvRowSink(Writer out, List<String> columns, boolean header) {
        this.out = out;
        this.columns = columns;
        this.header = header;
        if (!columns.isEmpty() && header) {
            writeHeader();
        }
    }

    private void writeHeader() {
        try {
            line(columns);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        header = false;
    }

    @Override
    public void write(Row row) throws IOException {
        if (columns.isEmpty()) {
            columns = CellText.columns(columns, row);
            if (header) {
                writeHeader();
            }
        }
        String[] cells = new String[columns.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = CellText.text(row.get(columns.get(i)));
        }
        line(List.of(cells));
    }

    private void line(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(cells.get(i)));
        }
        out.write("\r\n");
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
