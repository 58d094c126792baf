package dev.sluice.bench.macro;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects figures and the failures of figures that could not be measured, prints the table and writes
 * the JSON. In a quick run, targets stated for the full size are shown in parentheses and not judged.
 * Not thread-safe.
 */
public final class Report {
    private final boolean quick;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();

    /** A table printed under the figures (e.g. the fault matrix), and written to the JSON as rows. */
    public record Table(String title, List<String> header, List<List<String>> rows) {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    public Report(boolean quick) {
        this.quick = quick;
    }

    public void add(Figure f) {
        figures.add(f);
        System.out.println("  measured: " + f.name() + " = " + Figure.fmt(f.sluice()) + " " + f.unit()
                + (Double.isNaN(f.baseline()) ? "" : " (baseline " + Figure.fmt(f.baseline()) + ")"));
    }

    public void add(Table t) {
        tables.add(t);
    }

    /** A figure that could not be measured (the runner, the emulator or a correctness check failed). */
    public void failed(String figure, Throwable e) {
        String why = figure + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        failures.add(why);
        System.out.println("  FAILED " + why);
    }

    /** True when nothing failed and every judged target was met. */
    public boolean passed() {
        return failures.isEmpty() && figures.stream().allMatch(f -> !f.judged(quick) || f.met());
    }

    public void print(PrintStream out) {
        String fmt = "%-52s %14s %14s %8s %14s %6s%n";
        out.printf(fmt, "figure", "Sluice", "baseline", "ratio", "target", "met?");
        out.println("-".repeat(113));
        for (Figure f : figures) {
            out.printf(fmt, f.name() + " (" + f.unit() + ")", Figure.fmt(f.sluice()), Figure.fmt(f.baseline()),
                    Double.isNaN(f.ratio()) ? "-" : String.format("%.2f", f.ratio()), f.target(), met(f));
        }
        if (quick) {
            out.println("  (quick run: targets in parentheses apply at full size only and do not affect the exit code;"
                    + " run sluice-bench/run without --quick to judge them)");
        }
        for (Figure f : figures) {
            if (f.note() != null && !f.note().isBlank()) {
                out.println("  * " + f.name() + ": " + f.note());
            }
        }
        for (Table t : tables) {
            print(out, t);
        }
        for (String failure : failures) {
            out.println("  FAILED " + failure);
        }
    }

    private static void print(PrintStream out, Table t) {
        int[] widths = new int[t.header().size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = t.header().get(i).length();
            for (List<String> r : t.rows()) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        out.println();
        out.println(t.title());
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            line.append(i == 0 ? "" : "  ").append(String.format(i == 0 ? "%-" + widths[i] + "s" : "%" + widths[i] + "s",
                    t.header().get(i)));
        }
        out.println(line);
        out.println("-".repeat(line.length()));
        for (List<String> r : t.rows()) {
            line.setLength(0);
            for (int i = 0; i < widths.length; i++) {
                line.append(i == 0 ? "" : "  ").append(String.format(i == 0 ? "%-" + widths[i] + "s"
                        : "%" + widths[i] + "s", r.get(i)));
            }
            out.println(line);
        }
    }

    private String met(Figure f) {
        String m = f.met() ? "yes" : "NO";
        return f.judged(quick) ? m : "(" + m + ")";
    }

    public void write(Path file, String machine) throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("when", Instant.now().toString());
        root.put("machine", machine);
        root.put("quick", quick);
        root.put("passed", passed());
        ArrayNode arr = root.putArray("figures");
        for (Figure f : figures) {
            ObjectNode n = arr.addObject();
            n.put("figure", f.name());
            n.put("unit", f.unit());
            n.put("sluice", f.sluice());
            if (!Double.isNaN(f.baseline())) {
                n.put("baseline", f.baseline());
                n.put("ratio", f.ratio());
            }
            n.put("target", f.target());
            n.put("met", f.met());
            n.put("judged", f.judged(quick));
            if (f.note() != null) {
                n.put("note", f.note());
            }
        }
        ArrayNode tablesJson = root.putArray("tables");
        for (Table t : tables) {
            ObjectNode n = tablesJson.addObject();
            n.put("title", t.title());
            ArrayNode rows = n.putArray("rows");
            for (List<String> r : t.rows()) {
                ObjectNode row = rows.addObject();
                for (int i = 0; i < t.header().size(); i++) {
                    row.put(t.header().get(i), r.get(i));
                }
            }
        }
        ArrayNode failed = root.putArray("failures");
        failures.forEach(failed::add);
        m.writeValue(file.toFile(), root);
    }
}
