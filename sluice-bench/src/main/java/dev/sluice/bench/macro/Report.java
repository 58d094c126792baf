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

/** Collects figures, prints the table and writes the JSON. Not thread-safe. */
public final class Report {
    private final List<Figure> figures = new ArrayList<>();

    public void add(Figure f) {
        figures.add(f);
        System.out.println("  measured: " + f.name() + " = " + Figure.fmt(f.sluice()) + " " + f.unit()
                + (Double.isNaN(f.baseline()) ? "" : " (baseline " + Figure.fmt(f.baseline()) + ")"));
    }

    public boolean allMet() {
        return figures.stream().allMatch(Figure::met);
    }

    public void print(PrintStream out) {
        String fmt = "%-44s %16s %16s %8s %12s %5s%n";
        out.printf(fmt, "figure", "Sluice", "baseline", "ratio", "target", "met?");
        out.println("-".repeat(106));
        for (Figure f : figures) {
            out.printf(fmt, f.name() + " (" + f.unit() + ")", Figure.fmt(f.sluice()), Figure.fmt(f.baseline()),
                    Double.isNaN(f.ratio()) ? "-" : String.format("%.2f", f.ratio()), f.target(),
                    f.met() ? "yes" : "NO");
        }
        for (Figure f : figures) {
            if (f.note() != null && !f.note().isBlank()) {
                out.println("  * " + f.name() + ": " + f.note());
            }
        }
    }

    public void write(Path file, String machine, boolean quick) throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("when", Instant.now().toString());
        root.put("machine", machine);
        root.put("quick", quick);
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
            if (f.note() != null) {
                n.put("note", f.note());
            }
        }
        m.writeValue(file.toFile(), root);
    }
}
