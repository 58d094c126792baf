package dev.sluice.bench.macro;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Runs the whole-run benchmarks against emulator processes and prints a table (figure, Sluice,
 * baseline, ratio, target, met?), also written as JSON. {@code --quick} runs small sizes for CI;
 * {@code --only read,write,throttled,token,footprint,flow,csvflow,fetchxml,faults,startup} (and the user-path
 * figures {@code userread,userwrite,serverread,serverwrite,serverlatency,wire,wirebatch}) runs some figures;
 * {@code --out FILE} names the JSON file. Each figure gets an emulator process of its own. Exit code: 0 when
 * every judged target was met and nothing failed, 1 otherwise, 2 for a usage error.
 */
public final class MacroRunner {
    static final List<String> FIGURES = List.of("read", "write", "throttled", "token", "footprint", "flow",
            "csvflow", "fetchxml", "faults", "startup", "userread", "userwrite", "serverread", "serverwrite",
            "serverlatency", "wire", "wirebatch");

    private MacroRunner() {}

    /** One figure's measurement. */
    @FunctionalInterface
    interface Measurement {
        void run() throws Exception;
    }

    public static int run(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        Path out = Path.of("sluice-bench/target/bench-results.json");
        Set<String> only = Set.copyOf(FIGURES);
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--out")) {
                out = Path.of(args[i + 1]);
            } else if (args[i].equals("--only")) {
                only = Set.of(args[i + 1].split(","));
                if (!FIGURES.containsAll(only)) {
                    System.err.println("sluice-bench: --only takes some of " + String.join(",", FIGURES));
                    return 2;
                }
            }
        }
        Path jar = Path.of(System.getProperty("sluice.cli.jar", "sluice-cli/target/sluice.jar"));
        Path benchJar = Path.of(System.getProperty("sluice.bench.jar", "sluice-bench/target/sluice-bench.jar"));
        if (!Files.exists(jar) || !Files.exists(benchJar)) {
            System.err.println("sluice-bench: " + jar + " or " + benchJar + " is missing; run sluice-bench/run, which "
                    + "builds them");
            return 2;
        }
        Sizes sizes = quick ? Sizes.QUICK : Sizes.FULL;
        Machine machine = Machine.current();
        System.out.println("sluice-bench macro" + (quick ? " --quick (toy sizes)" : "") + " on " + machine);
        Report report = new Report(quick);
        String heap = quick ? "1g" : "6g";

        measure(report, only, "read", () -> {
            System.out.println("== read: " + sizes.accounts() + " accounts");
            try (EmulatorProcess emulator = EmulatorProcess.start(jar, heap,
                    List.of("--no-auth", "--seed", "accounts=" + sizes.accounts()))) {
                report.add(new Figure("footprint: emulator start to ready (" + sizes.accounts() + " accounts)", "ms",
                        emulator.startup().toMillis(), Double.NaN, Double.NaN, true, false, false, null));
                ReadBenchmark.run(emulator, sizes.accounts(), report);
            }
        });
        measure(report, only, "fetchxml", () -> {
            System.out.println("== fetchxml: " + sizes.accounts() + " accounts by FetchXML and by $filter");
            try (EmulatorProcess emulator = EmulatorProcess.start(jar, heap,
                    List.of("--no-auth", "--seed", "accounts=" + sizes.accounts()))) {
                FetchXmlBenchmark.run(emulator, sizes.accounts(), report);
            }
        });
        measure(report, only, "write", () -> {
            System.out.println("== write: upsert " + sizes.writeRows() + " contacts by alternate key");
            try (EmulatorProcess emulator = EmulatorProcess.start(jar, heap, List.of("--no-auth"))) {
                WriteBenchmark.run(emulator, sizes, report);
            }
        });
        measure(report, only, "throttled", () -> {
            System.out.println("== throttled write: " + sizes.throttledRows() + " rows under " + sizes.throttleLimit()
                    + " requests per " + sizes.throttleWindowSeconds() + " s");
            try (EmulatorProcess emulator = EmulatorProcess.start(jar, heap,
                    ThrottledWriteBenchmark.emulatorArgs(sizes))) {
                ThrottledWriteBenchmark.run(emulator, sizes, report);
            }
        });
        measure(report, only, "token", () -> {
            System.out.println("== token refresh: " + sizes.tokenThreads() + " threads through " + sizes.tokenExpiries()
                    + " expiries");
            try (EmulatorProcess emulator = EmulatorProcess.start(jar, heap, List.of())) {
                TokenRefreshBenchmark.run(emulator, sizes, report);
            }
        });
        measure(report, only, "flow", () -> {
            long rows = quick ? 20_000 : sizes.accounts();
            System.out.println("== flow: " + rows + " accounts from Dataverse to PostgreSQL, then an incremental rerun");
            try (EmulatorProcess emulator = EmulatorProcess.start(jar, heap,
                    List.of("--no-auth", "--seed", "accounts=" + rows))) {
                FlowBenchmark.run(emulator, jar, benchJar, rows, quick, report);
            }
        });
        measure(report, only, "csvflow", () -> {
            System.out.println("== csv flow: " + sizes.writeRows() + " contacts from CSV to Dataverse vs sluice import");
            CsvFlowBenchmark.run(jar, heap, sizes.writeRows(), quick, report);
        });
        measure(report, only, "wire", () -> {
            // -Dsluice.bench.wire.accounts / .rows change the sizes (a busy machine may not fit a million reads)
            long accounts = Long.getLong("sluice.bench.wire.accounts", quick ? 20_000 : sizes.accounts());
            int rows = Integer.getInteger("sluice.bench.wire.rows", quick ? 2_000 : sizes.writeRows());
            System.out.println("== wire: sluice query of " + accounts + " accounts and sluice import of " + rows
                    + " contacts, loopback and --latency cloud");
            WireBenchmark.run(jar, heap, accounts, rows, quick ? 1 : 2, report);
        });
        measure(report, only, "wirebatch", () -> {
            int rows = Integer.getInteger("sluice.bench.wire.rows", quick ? 2_000 : sizes.writeRows());
            int sample = quick ? 1_000 : 2_000;
            System.out.println("== wire batch: under --latency cloud, sluice import of " + rows + " contacts vs one "
                    + "$batch of 1000 at a time (" + sample + " rows)");
            WireBatchBenchmark.run(jar, benchJar, heap, rows, sample, 1, report);
        });
        measure(report, only, "faults", () -> FaultMatrixBenchmark.run(jar, sizes, quick, report));
        measure(report, only, "startup", () -> {
            System.out.println("== start-up: sluice commands as whole processes through bin/sluice, vs java -version");
            StartupBenchmark.run(jar, quick ? 1 : 3, report);
        });
        UserPathFigures.run(report, only, jar, benchJar, sizes, quick, heap);
        measure(report, only, "footprint", () -> {
            System.out.println("== footprint: start to ready, start to first answer, idle memory");
            FootprintBenchmark.run(jar, benchJar, quick ? 1 : 3, report);
        });
        System.out.println();
        report.print(System.out);
        Files.createDirectories(out.toAbsolutePath().getParent());
        report.write(out, machine.toString());
        System.out.println("results written to " + out);
        return report.passed() ? 0 : 1;
    }

    static void measure(Report report, Set<String> only, String name, Measurement m) {
        if (!only.contains(name)) {
            return;
        }
        try {
            m.run();
        } catch (Exception | AssertionError e) {
            report.failed(name, e);
        }
    }
}
