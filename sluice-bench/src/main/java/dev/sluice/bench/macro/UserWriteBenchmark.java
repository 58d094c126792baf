package dev.sluice.bench.macro;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.dataverse.DataverseClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 13, the write on the user's path: {@code sluice import NAME contact --from contacts.csv --key
 * emailaddress1} of {@code rows} contacts as a whole process through the launcher ({@link UserPath},
 * {@code -Xmx256m}), against the library's own bulk upsert of the same records in this JVM (figure 2's Sluice side:
 * a {@code BulkWriter} with {@code UpsertMultiple}, 1000 per request, parallel up to the dop hint), taking turns in
 * one emulator, each turn on rows of its own prefix, best of {@code turns}. Every run is checked with
 * {@link KeyScan} (every row once). Target: the import ≥ 0.9× the library's rows/s.
 */
final class UserWriteBenchmark {
    private UserWriteBenchmark() {}

    static void run(Path jar, EmulatorProcess emulator, int rows, int turns, Report report) throws Exception {
        Path dir = Files.createTempDirectory("sluice-bench-userwrite");
        try {
            UserPath user = UserPath.connect(jar, dir, emulator);
            DataverseClient client = DataverseClient.builder().orgUrl(emulator.orgUrl())
                    .credential(StaticTokenCredential.of("bench-library", UserPath.BEARER)).build();
            WriteBenchmark.sluice(client, "warm-lib", 0, Math.min(rows, 5_000)); // the library's JIT and connections
            List<ChildRun> imports = new ArrayList<>();
            List<Double> library = new ArrayList<>();
            for (int turn = 0; turn < turns; turn++) {
                Path csv = ContactFiles.csv(dir, "cli" + turn, rows);
                for (boolean cliFirst : new boolean[] {turn % 2 == 0, turn % 2 != 0}) {
                    if (cliFirst) {
                        imports.add(user.run(null, "import", UserPath.CONNECTION, "contact", "--from", csv.toString(),
                                "--key", "emailaddress1"));
                        check(emulator, "cli" + turn, rows, "sluice import");
                    } else {
                        long t0 = System.nanoTime();
                        long failed = WriteBenchmark.sluice(client, "lib" + turn, 0, rows);
                        library.add((System.nanoTime() - t0) / 1e9);
                        if (failed > 0) {
                            throw new AssertionError(failed + " of the library's " + rows + " upserts failed");
                        }
                        check(emulator, "lib" + turn, rows, "the library's bulk upsert");
                    }
                }
                Files.delete(csv);
            }
            UserPath.Best cli = UserPath.Best.of(imports);
            double lib = library.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            report.add(new Figure("user write: import --key emailaddress1", "rows/s", rows / cli.seconds(),
                    rows / lib, 0.9, false, true, true, String.format("%,d contacts from CSV, upsert by alternate key "
                            + "into one emulator (rows of each run's own prefix), best of %d taking turns: sluice "
                            + "import through bin/sluice under -Xmx256m %s, peak heap %.0f MiB; the library's "
                            + "BulkWriter (UpsertMultiple, in the bench JVM, warm) %s s; every run checked (every "
                            + "row once)", rows, turns, cli.describe(), cli.peakHeapMiB(),
                            library.stream().map(x -> String.format("%.2f", x)).toList())));
        } finally {
            UserPath.deleteTree(dir);
        }
    }

    static void check(EmulatorProcess emulator, String prefix, int rows, String who) throws Exception {
        KeyScan.Result found = KeyScan.scan(emulator, UserPath.BEARER, prefix, rows);
        if (!found.exact() || found.rows() != rows) {
            throw new AssertionError(who + " left " + found + "; expected " + rows + " contacts once");
        }
    }
}
