package dev.sluice.bench.macro;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The user-path figures 12–16 (issue 14) in the runner: each gets an emulator process of its own; the sizes are the
 * read and write figures' ({@link Sizes#accounts()}, {@link Sizes#writeRows()}); best of 3 turns (1 in a quick run).
 */
final class UserPathFigures {
    private UserPathFigures() {}

    static void run(Report report, Set<String> only, Path jar, Path benchJar, Sizes sizes, boolean quick, String heap) {
        int turns = quick ? 1 : 3;
        // the request limit raised out of the way (as in the fault matrix): a figure's many runs would otherwise meet
        // Dataverse's 6,000 requests per 5 minutes, which is not what these figures measure
        List<String> empty = List.of("--no-auth", "--limit-requests", "1000000", "--limit-window", "300");
        List<String> seeded = new ArrayList<>(empty);
        seeded.addAll(List.of("--seed", "accounts=" + sizes.accounts()));
        MacroRunner.measure(report, only, "userread", () -> {
            System.out.println("== read on the user's path: sluice query/export of " + sizes.accounts() + " accounts");
            try (EmulatorProcess emulator = EmulatorProcess.start(jar, heap, seeded)) {
                UserReadBenchmark.run(jar, benchJar, emulator, sizes.accounts(), turns, report);
            }
        });
        MacroRunner.measure(report, only, "userwrite", () -> {
            System.out.println("== write on the user's path: sluice import of " + sizes.writeRows() + " contacts");
            try (EmulatorProcess emulator = EmulatorProcess.start(jar, heap, empty)) {
                UserWriteBenchmark.run(jar, emulator, sizes.writeRows(), turns, report);
            }
        });
        MacroRunner.measure(report, only, "serverread", () -> {
            System.out.println("== server read: " + sizes.accounts() + " accounts through the REST API");
            try (EmulatorProcess emulator = EmulatorProcess.start(jar, heap, seeded)) {
                ServerReadBenchmark.run(jar, emulator, sizes.accounts(), turns, report);
            }
        });
        MacroRunner.measure(report, only, "serverwrite", () -> {
            System.out.println("== server write: " + sizes.writeRows() + " contacts through the REST API's import");
            try (EmulatorProcess emulator = EmulatorProcess.start(jar, heap, empty)) {
                ServerWriteBenchmark.run(jar, emulator, sizes.writeRows(), turns, report);
            }
        });
        List<String> few = new ArrayList<>(empty);
        few.addAll(List.of("--seed", "accounts=1000"));
        MacroRunner.measure(report, only, "serverlatency", () -> {
            System.out.println("== server latency: single-row GETs during a bulk import");
            try (EmulatorProcess emulator = EmulatorProcess.start(jar, heap, few)) {
                ServerLatencyBenchmark.run(jar, emulator, sizes.writeRows(), quick ? 100 : 1000, report);
            }
        });
    }
}
