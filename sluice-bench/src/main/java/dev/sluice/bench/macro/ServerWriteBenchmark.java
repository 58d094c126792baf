package dev.sluice.bench.macro;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Figure 15, the server's write: {@code sluice serve}'s bulk import endpoint ({@code POST
 * /api/v1/connections/NAME/tables/contact/import?mode=upsert&key=emailaddress1}, JSON lines streamed from a file,
 * an API token) with {@code rows} contacts, against {@code sluice import} of the same records from CSV through the
 * launcher (figure 13's command), taking turns in one emulator on rows of each run's own prefix, best of
 * {@code turns}. Every run is checked: the server's answer (all succeeded, none failed) and {@link KeyScan} (every
 * row once). Target: the server ≥ 0.8× the CLI import's rows/s.
 */
final class ServerWriteBenchmark {
    private ServerWriteBenchmark() {}

    static void run(Path jar, EmulatorProcess emulator, int rows, int turns, Report report) throws Exception {
        Path dir = Files.createTempDirectory("sluice-bench-serverwrite");
        try {
            UserPath user = UserPath.connect(jar, dir, emulator);
            Path flows = Files.createDirectories(dir.resolve("flows"));
            try (ServerProcess server = new ServerProcess(jar, user.home(), flows,
                    Map.of("SLUICE_OUTBOUND_PROXY", "direct"))) {
                server.allowOutbound(URI.create(emulator.orgUrl()).getHost()); // the stored connection's host
                ApiClient api = new ApiClient(server.base(), server.apiToken("bench-write"));
                Path warm = ContactFiles.jsonLines(dir, "warm-srv", Math.min(rows, 5_000));
                serverImport(api, emulator, warm, "warm-srv", Math.min(rows, 5_000)); // a running server has worked
                List<Double> served = new ArrayList<>();
                List<ChildRun> cli = new ArrayList<>();
                for (int turn = 0; turn < turns; turn++) {
                    Path lines = ContactFiles.jsonLines(dir, "srv" + turn, rows);
                    Path csv = ContactFiles.csv(dir, "cli" + turn, rows);
                    for (boolean serverFirst : new boolean[] {turn % 2 == 0, turn % 2 != 0}) {
                        if (serverFirst) {
                            served.add(serverImport(api, emulator, lines, "srv" + turn, rows));
                        } else {
                            cli.add(user.run(null, "import", UserPath.CONNECTION, "contact", "--from", csv.toString(),
                                    "--key", "emailaddress1"));
                            UserWriteBenchmark.check(emulator, "cli" + turn, rows, "sluice import");
                        }
                    }
                    Files.delete(lines);
                    Files.delete(csv);
                }
                double best = served.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                UserPath.Best q = UserPath.Best.of(cli);
                report.add(new Figure("server write: API import vs CLI import", "rows/s", rows / best,
                        rows / q.seconds(), 0.8, false, true, true, String.format("%,d contacts upserted by "
                                + "emailaddress1: POST …/tables/contact/import (JSON lines from a file, API token) "
                                + "%s s; baseline sluice import of the same records from CSV through bin/sluice %s; "
                                + "best of %d taking turns, one emulator; every run checked (every row once)", rows,
                                served.stream().map(x -> String.format("%.2f", x)).toList(), q.describe(), turns)));
            }
        } finally {
            UserPath.deleteTree(dir);
        }
    }

    /** One import through the server, checked; answers its seconds. */
    static double serverImport(ApiClient api, EmulatorProcess emulator, Path lines, String prefix, int rows)
            throws Exception {
        long t0 = System.nanoTime();
        JsonNode answer = api.importLines("contact", "upsert", "emailaddress1", lines);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (answer.path("succeeded").asLong() != rows || answer.path("failed").asLong() != 0) {
            throw new AssertionError("the server's import of " + rows + " contacts answered " + answer);
        }
        UserWriteBenchmark.check(emulator, prefix, rows, "the server's import");
        return seconds;
    }
}
