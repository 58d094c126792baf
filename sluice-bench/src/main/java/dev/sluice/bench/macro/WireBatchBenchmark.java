package dev.sluice.bench.macro;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Figure 18: under the emulator's {@code --latency cloud} profile, {@code sluice import} of contacts by alternate key
 * (UpsertMultiple, 1000 a request, parallel up to {@code x-ms-dop-hint}) against a plain JDK {@link
 * BatchUpsertProgram} that sends one {@code $batch} of 1000 upserts at a time, sequentially, both whole processes
 * against one emulator, taking turns. Under the profile a batch costs 1000 records written singly (40 s of server
 * time), so the baseline runs on a sample of whole batches and its rows/s is extrapolated (the profile makes its
 * time nearly constant per batch). Every run is checked afterwards with {@link KeyScan} (latency off for the scan):
 * every row once.
 */
final class WireBatchBenchmark {
    private static final int BATCH = 1000;
    /** Sluice should be clearly faster than the batching client; stated for the full size. */
    private static final double TARGET = 2.0;

    private WireBatchBenchmark() {}

    static void run(Path cliJar, Path benchJar, String heap, int rows, int baselineRows, int turns, Report report)
            throws Exception {
        Path dir = Files.createTempDirectory("sluice-bench-wirebatch");
        try (EmulatorProcess emulator = EmulatorProcess.start(cliJar, heap, List.of("--no-auth", "--latency", "cloud"))) {
            EmulatorAdmin admin = new EmulatorAdmin(emulator);
            String profile = admin.get("latency").path("profile").asText();
            CliRunner cli = new CliRunner(cliJar, dir.resolve("home"), Map.of());
            Path token = dir.resolve("token.txt");
            Files.writeString(token, "bench-token");
            cli.run("connection", "add", "bench", "--org-url", emulator.orgUrl(), "--auth", "static-token");
            cli.run("auth", "login", "bench", "--token-file", token.toString(), "--expires-at", "2099-01-01T00:00:00Z");
            List<Double> sluice = new ArrayList<>();
            List<Double> baseline = new ArrayList<>();
            for (int turn = 0; turn < turns; turn++) {
                for (boolean sluiceFirst : new boolean[] {turn % 2 == 0, turn % 2 != 0}) {
                    admin.put("limits", "{}");
                    String prefix = "wirebatch-" + (sluiceFirst ? "s" : "b") + turn;
                    int n = sluiceFirst ? rows : baselineRows;
                    ChildRun r;
                    if (sluiceFirst) {
                        Path csv = WireBenchmark.contacts(dir, prefix, rows);
                        r = cli.run("import", "bench", "contact", "--from", csv.toString(), "--key", "emailaddress1");
                        Files.delete(csv);
                    } else {
                        r = CliRunner.program(benchJar, BatchUpsertProgram.class, emulator.webApiUrl(), prefix,
                                Integer.toString(baselineRows), Integer.toString(BATCH));
                    }
                    (sluiceFirst ? sluice : baseline).add(r.seconds());
                    admin.put("latency", "{\"profile\":\"none\"}");
                    KeyScan.Result found = KeyScan.scan(emulator, "bench-token", prefix, n);
                    admin.put("latency", "{\"profile\":\"cloud\"}");
                    if (!found.exact() || found.rows() != n) {
                        throw new AssertionError((sluiceFirst ? "sluice import" : "the $batch baseline") + " left "
                                + found + "; expected " + n + " rows once. Output: " + r.output());
                    }
                }
            }
            double sluiceRate = rows / sluice.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double baselineRate = baselineRows / baseline.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            report.add(new Figure("wire: import under --latency cloud, Sluice vs one $batch of 1000 at a time "
                    + "(whole processes)", "rows/s", sluiceRate, baselineRate, TARGET, false, true, true,
                    String.format("profile %s; sluice import of %,d contacts by key %s s against a JDK HttpClient "
                            + "program sending $batch of %d PATCH upserts sequentially, %,d rows (%d batches) %s s, "
                            + "rows/s extrapolated; best of %d turns each, taking turns; every run checked (every row "
                            + "once)", profile, rows, WireBenchmark.fmt(sluice), BATCH, baselineRows,
                            (baselineRows + BATCH - 1) / BATCH, WireBenchmark.fmt(baseline), turns)));
        }
    }
}
