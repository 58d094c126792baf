package dev.sluice.bench.macro;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Figure 14, the server's read: {@code sluice serve} ({@link ServerProcess}, {@code -Xmx256m}, sharing the CLI's
 * {@code SLUICE_HOME} and so its stored connection) streams every account, 5 columns, to a client through the REST
 * API's paged rows query ({@code GET /api/v1/connections/NAME/tables/account/rows?select=…&pageSize=5000}, an API
 * token, following the continuation; {@link ApiClient}: the JDK {@code HttpClient}, each page's raw {@code value}
 * array to a file), against the CLI's rate for the same rows ({@code sluice query --format jsonl > file} through the
 * launcher, as figure 12), taking turns, best of {@code turns}. Both outputs are checked ({@link AccountFiles}: every
 * account once). Target: the server ≥ 0.8× the CLI's rows/s.
 */
final class ServerReadBenchmark {
    private static final int PAGE = 5000;

    private ServerReadBenchmark() {}

    static void run(Path jar, EmulatorProcess emulator, long rows, int turns, Report report) throws Exception {
        Path dir = Files.createTempDirectory("sluice-bench-serverread");
        try {
            UserPath user = UserPath.connect(jar, dir, emulator);
            Path flows = Files.createDirectories(dir.resolve("flows"));
            try (ServerProcess server = new ServerProcess(jar, user.home(), flows,
                    Map.of("SLUICE_OUTBOUND_PROXY", "direct"))) {
                server.allowOutbound(URI.create(emulator.orgUrl()).getHost()); // the stored connection's host
                ApiClient api = new ApiClient(server.base(), server.apiToken("bench-read"));
                Path out = dir.resolve("out.json");
                api.rows("account", UserReadBenchmark.COLUMNS, PAGE, 4, out); // a running server has served before
                user.run(null, "query", UserPath.CONNECTION, "account", "--select", UserReadBenchmark.COLUMNS,
                        "--format", "jsonl", "--top", "20000");
                List<Double> served = new ArrayList<>();
                List<ChildRun> cli = new ArrayList<>();
                for (int turn = 0; turn < turns; turn++) {
                    for (boolean serverFirst : new boolean[] {turn % 2 == 0, turn % 2 != 0}) {
                        Files.deleteIfExists(out);
                        String who;
                        if (serverFirst) {
                            long t0 = System.nanoTime();
                            api.rows("account", UserReadBenchmark.COLUMNS, PAGE, Long.MAX_VALUE, out);
                            served.add((System.nanoTime() - t0) / 1e9);
                            who = "the server's rows API";
                        } else {
                            cli.add(user.run(out, "query", UserPath.CONNECTION, "account", "--select",
                                    UserReadBenchmark.COLUMNS, "--format", "jsonl"));
                            who = "sluice query --format jsonl";
                        }
                        KeyScan.Result found = AccountFiles.json(out, rows);
                        if (!found.exact() || found.rows() != rows) {
                            throw new AssertionError(who + " gave " + found + "; expected " + rows + " accounts once");
                        }
                    }
                }
                Files.deleteIfExists(out);
                double best = served.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                UserPath.Best q = UserPath.Best.of(cli);
                report.add(new Figure("server read: API rows pages vs CLI jsonl", "rows/s", rows / best,
                        rows / q.seconds(), 0.8, false, true, true, String.format("%,d accounts, 5 columns, %d-row "
                                + "pages followed by continuation with an API token, JDK HttpClient writing each page's "
                                + "rows to a file: %s s; baseline sluice query --format jsonl > file through bin/sluice "
                                + "%s; best of %d taking turns; both outputs checked (every account once)", rows, PAGE,
                                served.stream().map(x -> String.format("%.2f", x)).toList(), q.describe(), turns)));
            }
        } finally {
            UserPath.deleteTree(dir);
        }
    }
}
