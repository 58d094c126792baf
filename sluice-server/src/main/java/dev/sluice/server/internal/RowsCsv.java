package dev.sluice.server.internal;

import dev.sluice.dataverse.Row;
import dev.sluice.dataverse.TableMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows as RFC 4180 CSV (CRLF line ends, fields quoted when needed) for the table browser's download: the chosen
 * columns, else every column of the first row, each choice column followed by {@code COLUMN@label} with its label
 * (as the CLI writes with {@code --labels}). Not thread-safe.
 */
final class RowsCsv {
    /** What follows a choice column's name in the name of its label column. */
    static final String LABEL_SUFFIX = "@label";
    private final TableMetadata table;
    private final List<String> chosen;
    private List<String> columns;

    RowsCsv(TableMetadata table, List<String> chosen) {
        this.table = table;
        this.chosen = List.copyOf(chosen);
    }

    /** Writes one row, after the header line when it is the first. */
    void write(Writer out, Row row) {
        if (columns == null) {
            List<String> all = new ArrayList<>();
            row.values().keySet().stream().filter(k -> !k.contains("@")).forEach(all::add);
            header(out, chosen.isEmpty() ? all : chosen);
        }
        List<String> cells = new ArrayList<>(columns.size());
        for (String c : columns) {
            cells.add(c.endsWith(LABEL_SUFFIX) ? label(row, c.substring(0, c.length() - LABEL_SUFFIX.length()))
                    : text(row.get(c)));
        }
        line(out, cells);
    }

    /** Writes the header line when no row came (the chosen columns; nothing when none were chosen) and flushes. */
    void finish(Writer out) {
        if (columns == null) {
            header(out, chosen);
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void header(Writer out, List<String> names) {
        columns = new ArrayList<>();
        for (String c : names) {
            columns.add(c);
            if (table.column(c).map(m -> m.type().hasOptions() && !m.options().isEmpty()).orElse(false)) {
                columns.add(c + LABEL_SUFFIX);
            }
        }
        if (!columns.isEmpty()) {
            line(out, columns);
        }
    }

    private String label(Row row, String column) {
        Object v = row.get(column);
        return row.formatted(column).or(() -> table.column(column).flatMap(m -> m.label(v))).orElse("");
    }

    private static String text(Object v) {
        return v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v);
    }

    private static void line(Writer out, List<String> cells) {
        try {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                String s = cells.get(i);
                boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                        || s.indexOf('\r') >= 0;
                out.write(quote ? '"' + s.replace("\"", "\"\"") + '"' : s);
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
