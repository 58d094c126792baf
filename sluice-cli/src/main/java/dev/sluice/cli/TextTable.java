package dev.sluice.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * Lays out text in aligned columns that fit a width: wide columns shrink first (cells cut with "…"),
 * columns that still do not fit are left off. Bold headers when colour is on. Immutable and thread-safe.
 */
final class TextTable {
    /** No column grows beyond this many characters, so one long text does not crowd out the others. */
    private static final int MAX_COLUMN = 40;
    private static final int MIN_COLUMN = 4;
    private static final String GAP = "  ";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    private final List<String> headers;
    private final int[] widths;
    private final int shown;
    private final boolean colour;

    private TextTable(List<String> headers, int[] widths, int shown, boolean colour) {
        this.headers = headers;
        this.widths = widths;
        this.shown = shown;
        this.colour = colour;
    }

    /** A layout sized for {@code sample} rows within {@code width} characters. */
    static TextTable layout(List<String> headers, List<List<String>> sample, int width, boolean colour) {
        int n = headers.size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = Math.max(MIN_COLUMN, Math.min(MAX_COLUMN, headers.get(i).length()));
            for (List<String> row : sample) {
                w[i] = Math.max(w[i], Math.min(MAX_COLUMN, row.get(i).length()));
            }
        }
        while (total(w, n) > width) {
            int widest = 0;
            for (int i = 1; i < n; i++) {
                widest = w[i] > w[widest] ? i : widest;
            }
            if (w[widest] <= Math.max(MIN_COLUMN, 12)) {
                break;
            }
            w[widest]--;
        }
        int shown = n;
        while (shown > 1 && total(w, shown) > width) {
            shown--;
        }
        return new TextTable(List.copyOf(headers), w, shown, colour);
    }

    /** Prints a whole table (for small lists). */
    static void print(PrintWriter out, List<String> headers, List<List<String>> rows, int width, boolean colour) {
        TextTable t = layout(headers, rows, width, colour);
        t.printHeader(out);
        rows.forEach(r -> t.printRow(out, r));
    }

    private static int total(int[] w, int count) {
        int sum = 0;
        for (int i = 0; i < count; i++) {
            sum += w[i];
        }
        return sum + GAP.length() * Math.max(0, count - 1);
    }

    void printHeader(PrintWriter out) {
        String line = format(headers);
        out.println(colour ? BOLD + line + RESET : line);
        if (shown < headers.size()) {
            out.println("(" + (headers.size() - shown) + " more columns do not fit; use --select or --format csv)");
        }
    }

    void printRow(PrintWriter out, List<String> cells) {
        out.println(format(cells));
    }

    private String format(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            String cell = cells.get(i).replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
            if (cell.length() > widths[i]) {
                cell = cell.substring(0, widths[i] - 1) + "…";
            }
            b.append(cell);
            if (i < shown - 1) {
                b.append(" ".repeat(widths[i] - cell.length())).append(GAP);
            }
        }
        return b.toString();
    }
}
