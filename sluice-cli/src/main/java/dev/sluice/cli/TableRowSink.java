package dev.sluice.cli;

import dev.sluice.dataverse.Row;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes rows as an aligned table that fits the width: the first {@value #SAMPLE} rows size the columns,
 * later rows are printed as they come (cut to the same widths), so memory stays constant. Not thread-safe.
 */
final class TableRowSink implements RowSink {
    /** Rows held to size the columns before anything is printed. */
    static final int SAMPLE = 50;
    private final PrintWriter out;
    private final int width;
    private final boolean colour;
    private List<String> columns;
    private final List<List<String>> sample = new ArrayList<>();
    private TextTable table;
    private long rows;

    TableRowSink(Writer out, List<String> columns, int width, boolean colour) {
        this.out = out instanceof PrintWriter p ? p : new PrintWriter(out);
        this.columns = columns;
        this.width = width;
        this.colour = colour;
    }

    @Override
    public void write(Row row) {
        if (columns.isEmpty()) {
            columns = CellText.columns(columns, row);
        }
        List<String> cells = new ArrayList<>(columns.size());
        columns.forEach(c -> cells.add(CellText.text(row.get(c))));
        rows++;
        if (table != null) {
            table.printRow(out, cells);
            return;
        }
        sample.add(cells);
        if (sample.size() >= SAMPLE) {
            printSample();
        }
    }

    private void printSample() {
        table = TextTable.layout(columns, sample, width, colour);
        table.printHeader(out);
        sample.forEach(r -> table.printRow(out, r));
        sample.clear();
    }

    @Override
    public void finish() {
        if (table == null && !columns.isEmpty()) {
            printSample();
        }
        out.println(rows == 0 ? "(no rows)" : "(" + rows + (rows == 1 ? " row)" : " rows)"));
        out.flush();
    }
}
