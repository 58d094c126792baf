package dev.sluice.bench.macro;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the whole-run benchmarks against emulator processes and prints a table (figure, Sluice,
 * baseline, ratio, target, met?), also written as JSON. {@code --quick} runs small sizes for CI.
 */
public final class MacroRunner {
    private MacroRunner() {}

    public static int run(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        Path out = Path.of("sluice-bench/target/bench-results.json");
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--out")) {
                out = Path.of(args[i + 1]);
            }
        }
        Path jar = Path.of(System.getProperty("sluice.cli.jar", "sluice-cli/target/sluice.jar"));
        if (!Files.exists(jar)) {
            System.err.println("sluice-bench: " + jar + " is missing; build it with ./sluice --version first");
            return 2;
        }
        String machine = Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version()
                + ", -Xmx" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m";
        Report report = new Report();
        long accounts = quick ? 20_000 : 1_000_000;
        System.out.println("== read: " + accounts + " accounts");
        try (EmulatorProcess emulator = EmulatorProcess.start(jar, quick ? "1g" : "6g",
                List.of("--no-auth", "--seed", "accounts=" + accounts))) {
            report.add(new Figure("footprint: emulator start to ready (" + accounts + " accounts)", "ms",
                    emulator.startup().toMillis(), Double.NaN, Double.NaN, true, false, null));
            ReadBenchmark.run(emulator, accounts, report);
        }
        System.out.println();
        report.print(System.out);
        Files.createDirectories(out.toAbsolutePath().getParent());
        report.write(out, machine, quick);
        System.out.println("results written to " + out);
        return report.allMet() ? 0 : 1;
    }
}
