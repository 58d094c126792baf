package dev.sluice.cli;

import dev.sluice.dataverse.Row;
import dev.sluice.flow.CsvRecordWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes rows as CSV through sluice-flow's {@link CsvRecordWriter} (RFC 4180, CRLF line ends, fields quoted only
 * when needed), with a header line; cells as {@link CellText#text}. Not thread-safe.
 */
final class CsvRowSink implements RowSink {
    private final CsvRecordWriter csv;
    private List<String> columns;
    private boolean header;
    private String[] cells;

    CsvRowSink(Writer out, List<String> columns, boolean header) {
        this.csv = new CsvRecordWriter(out);
        this.columns = columns;
        this.header = header;
        if (!columns.isEmpty() && header) {
            writeHeader();
        }
    }

    private void writeHeader() {
        try {
            csv.write(columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        if (cells == null) {
            cells = new String[columns.size()];
        }
        for (int i = 0; i < cells.length; i++) {
            cells[i] = CellText.text(row.get(columns.get(i)));
        }
        csv.write(cells);
    }

    @Override
    public void finish() throws IOException {
        csv.flush();
    }
}
