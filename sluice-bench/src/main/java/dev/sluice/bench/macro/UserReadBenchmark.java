package dev.sluice.bench.macro;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 12, reads on the user's path: {@code sluice query NAME account --select 5 columns --format jsonl > file},
 * the same with {@code --format csv}, and {@code sluice export NAME account --select … --to file.csv}, each a whole
 * process through the launcher ({@link UserPath}, {@code -Xmx256m}), against a baseline process
 * ({@link RawPagesProgram}: the JDK {@code HttpClient} fetching the same 5000-row pages, following nextLinks, writing
 * each page's raw {@code value} array to a file). The four take turns (the order rotates each turn), best of
 * {@code turns}. Every output is checked afterwards ({@link AccountFiles}: every account number once). Targets: each
 * command ≥ 0.9× the baseline's rows/s; export ≤ 1.05× the time of {@code query --format csv} to a file (its
 * checkpoints, atomic rename and progress); peak heap ≤ 256 MiB.
 */
final class UserReadBenchmark {
    static final String COLUMNS = "accountnumber,name,revenue,numberofemployees,address1_city";

    private UserReadBenchmark() {}

    /** One command of the figure: how to run it into {@code out}, and how to check what it wrote. */
    private interface Command {
        ChildRun run(Path out) throws Exception;
    }

    private record Entry(String label, String extension, boolean csv, Command command) {}

    static void run(Path jar, Path benchJar, EmulatorProcess emulator, long rows, int turns, Report report)
            throws Exception {
        Path dir = Files.createTempDirectory("sluice-bench-userread");
        try {
            UserPath user = UserPath.connect(jar, dir, emulator);
            String url = emulator.webApiUrl() + "accounts?$select=" + COLUMNS;
            List<Entry> entries = List.of(
                    new Entry("baseline", ".json", false, out -> UserPath.program(benchJar, RawPagesProgram.class,
                            null, url, UserPath.BEARER, out.toString())),
                    new Entry("query jsonl", ".jsonl", false, out -> user.run(out, "query", UserPath.CONNECTION,
                            "account", "--select", COLUMNS, "--format", "jsonl")),
                    new Entry("query csv", ".csv", true, out -> user.run(out, "query", UserPath.CONNECTION, "account",
                            "--select", COLUMNS, "--format", "csv")),
                    new Entry("export csv", ".csv", true, out -> user.run(null, "export", UserPath.CONNECTION,
                            "account", "--select", COLUMNS, "--to", out.toString())));
            // warm the emulator's paths and the page cache once (a few pages are enough for the emulator's JIT)
            user.run(null, "query", UserPath.CONNECTION, "account", "--select", COLUMNS, "--format", "jsonl", "--top",
                    "20000");
            Map<String, List<ChildRun>> runs = new LinkedHashMap<>();
            for (int turn = 0; turn < turns; turn++) {
                for (int i = 0; i < entries.size(); i++) {
                    Entry e = entries.get((i + turn) % entries.size());
                    Path out = dir.resolve("out-" + e.label().replace(' ', '-') + e.extension());
                    Files.deleteIfExists(out);
                    ChildRun r = e.command().run(out);
                    KeyScan.Result found = e.csv() ? AccountFiles.csv(out, rows) : AccountFiles.json(out, rows);
                    if (!found.exact() || found.rows() != rows) {
                        throw new AssertionError(e.label() + " wrote " + found + "; expected " + rows + " accounts once");
                    }
                    Files.delete(out);
                    runs.computeIfAbsent(e.label(), k -> new ArrayList<>()).add(r);
                }
            }
            UserPath.Best base = UserPath.Best.of(runs.get("baseline"));
            double baseRate = rows / base.seconds();
            double heap = 0;
            for (String label : List.of("query jsonl", "query csv", "export csv")) {
                UserPath.Best b = UserPath.Best.of(runs.get(label));
                heap = Math.max(heap, b.peakHeapMiB());
                String shown = label.startsWith("export") ? "export --to file.csv"
                        : "query --format " + label.substring(6) + " > file";
                report.add(new Figure("user read: " + shown, "rows/s", rows / b.seconds(), baseRate, 0.9,
                        false, true, true, String.format("%,d accounts, 5 columns, whole processes through bin/sluice "
                                + "under -Xmx256m, best of %d taking turns: %s; baseline RawPagesProgram (JDK "
                                + "HttpClient, raw value arrays to a file) %s; peak heap %.0f MiB; every output "
                                + "checked (every account once)", rows, turns, b.describe(), base.describe(),
                                b.peakHeapMiB())));
            }
            UserPath.Best export = UserPath.Best.of(runs.get("export csv"));
            UserPath.Best query = UserPath.Best.of(runs.get("query csv"));
            report.add(new Figure("user read: export time ÷ query csv > file", "s",
                    export.seconds(), query.seconds(), 1.05, false, false, true, String.format("the same rows and "
                            + "columns to a CSV file: export (checkpoints, atomic rename, progress) %s, query %s",
                            export.describe(), query.describe())));
            report.add(new Figure("user read: peak heap of query and export", "MiB", heap, Double.NaN, 256,
                    true, false, false, "the most heap in use before a collection (the JVM's GC log) in any of the "
                            + "query and export processes, run with -Xmx256m"));
        } finally {
            UserPath.deleteTree(dir);
        }
    }
}
