package dev.sluice.bench.macro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Figure 10, the fault matrix: each workload ({@link MatrixWorkload}: a 100,000-row import by key, a 100,000-row
 * create-only import into a table without a key, a 1,000,000-row export) runs as a {@code sluice} process against
 * an emulator process, once without faults and once under each fault ({@link MatrixFault}). Per cell: rows lost and
 * doubled (counted afterwards by reading the table or the file), Web API requests sent ÷ accepted (the emulator's
 * counts), and wall time ÷ the fault-free run's. The emulator runs with Dataverse's real sign-in (the CLI holds a
 * client-secret connection, so revoked tokens and an identity provider outage are real) and limits raised out of
 * the way, so that only the injected faults act. Targets: 0 lost and 0 doubled in every cell; sent ÷ accepted at
 * most 1.2; wall time at most 2× fault-free except for the outage.
 */
final class FaultMatrixBenchmark {
    static final String CONNECTION = "bench";
    private static final String SECRET_VARIABLE = "SLUICE_BENCH_SECRET";
    private static final String SERVICE_APP = "Sluice Service";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Data requests after which a run is at work (its metadata reads are done). */
    private static final int WORK_STARTED_AT = 3;
    /** How long a 503 burst lasts: a gateway that is briefly unavailable. */
    private static final long BURST_MS = 1000;

    private FaultMatrixBenchmark() {}

    /** One cell's measurement. */
    record Cell(MatrixWorkload workload, MatrixFault fault, KeyScan.Result rows, long sent, long accepted,
            Duration wall, double wallRatio, int exitCode, String note) {
        long lostOrDoubled() {
            return rows.missing() + rows.duplicates() + rows.unexpected();
        }

        double sentPerAccepted() {
            return accepted == 0 ? Double.NaN : sent / (double) accepted;
        }
    }

    static void run(Path cliJar, Sizes sizes, boolean quick, Report report) throws Exception {
        List<Cell> cells = new ArrayList<>();
        List<String> limits = List.of("--limit-requests", "1000000", "--limit-window", "300", "--limit-concurrent", "52");
        try (EmulatorProcess emulator = EmulatorProcess.start(cliJar, quick ? "1g" : "4g", limits)) {
            Bench bench = Bench.connect(cliJar, emulator);
            for (MatrixWorkload w : List.of(MatrixWorkload.IMPORT_BY_KEY, MatrixWorkload.IMPORT_CREATE)) {
                cells.addAll(workload(bench, w, sizes.matrixImportRows(), quick ? 100 : 1000, sizes, quick));
            }
        }
        List<String> seeded = new ArrayList<>(limits);
        seeded.addAll(List.of("--seed", "accounts=" + sizes.matrixExportRows()));
        try (EmulatorProcess emulator = EmulatorProcess.start(cliJar, quick ? "1g" : "6g", seeded)) {
            Bench bench = Bench.connect(cliJar, emulator);
            cells.addAll(workload(bench, MatrixWorkload.EXPORT, sizes.matrixExportRows(), 0, sizes, quick));
        }
        summarize(cells, quick, report);
    }

    /** The fault-free run, then one run under each fault. */
    private static List<Cell> workload(Bench b, MatrixWorkload w, int rows, int chunk, Sizes sizes, boolean quick)
            throws Exception {
        System.out.println("== fault matrix: " + w.label() + ", " + rows + " rows");
        List<Cell> out = new ArrayList<>();
        Random random = new Random(18);
        // at full size, a run of a tenth of the size first, unmeasured: the emulator's and the CLI's code paths are
        // warm for the fault-free run every ratio is taken against (a quick run judges no ratio)
        if (!quick) {
            String warm = "fm" + w.ordinal() + "w";
            b.cli.expectOk(w.prepare(b.dir, warm, rows / 10, chunk).toArray(String[]::new));
            MatrixWorkload.clean(b.dir, warm);
        }
        Duration baseline = null;
        long baselineSent = 0;
        for (MatrixFault f : MatrixFault.values()) {
            String prefix = "fm" + w.ordinal() + f.ordinal();
            List<String> cmd = w.prepare(b.dir, prefix, rows, chunk);
            b.admin.delete("faults");
            b.admin.delete("stats");
            if (f.before() != null) {
                b.admin.post("faults", f.before());
            }
            long t0 = System.nanoTime();
            Process p = b.cli.start(cmd.toArray(String[]::new));
            waitForSent(b.admin, p, WORK_STARTED_AT);
            String note = strike(b, f, p, baselineSent, sizes, quick, random);
            CliProcess.Result r = b.cli.finish(p, t0);
            Duration wall = r.wall();
            int exit = r.exitCode();
            if (f == MatrixFault.KILL_9) {
                note += (exit == 137 || exit == 9 ? "killed" : "ended before the kill") + String.format(" after %.1f s",
                        wall.toMillis() / 1000.0);
                CliProcess.Result again = b.cli.run(cmd.toArray(String[]::new));
                wall = wall.plus(again.wall());
                exit = again.exitCode();
                note += String.format("; the run again took %.1f s (exit %d: %s)", again.wall().toMillis() / 1000.0, exit,
                        again.tail());
            }
            b.admin.delete("faults");
            JsonNode stats = b.admin.get("stats");
            long sent = stats.at("/webApi/sent").asLong();
            long accepted = stats.at("/webApi/accepted").asLong();
            String hits = hits(stats);
            if (f == MatrixFault.NONE) {
                baseline = wall;
                baselineSent = sent;
            }
            KeyScan.Result check = w.check(b.emulator, b.bearer(), b.dir, prefix, rows);
            double ratio = wall.toNanos() / (double) baseline.toNanos();
            String detail = (note.isEmpty() ? "" : note + "; ") + hits + (exit == 0 ? "" : "; exit " + exit + ": "
                    + r.tail());
            Cell cell = new Cell(w, f, check, sent, accepted, wall, ratio, exit, detail);
            System.out.printf("  %-45s lost %d, doubled %d, sent/accepted %.3f, wall %.1f s (%.2f×) %s%n", f.label(),
                    check.missing() + check.unexpected(), check.duplicates(), cell.sentPerAccepted(),
                    wall.toMillis() / 1000.0, ratio, detail);
            out.add(cell);
            MatrixWorkload.clean(b.dir, prefix);
        }
        return out;
    }

    /** Waits until the run has sent {@code requests} data requests (or ended). */
    private static void waitForSent(EmulatorAdmin admin, Process p, long requests) throws IOException,
            InterruptedException {
        while (p.isAlive() && admin.get("stats").at("/webApi/sent").asLong() < requests) {
            Thread.sleep(10);
        }
    }

    /**
     * Strikes the fault's mid-run blows at their moments, or kills the process at a random moment; returns a note
     * on what it did. A moment is a share of the fault-free run's data requests: the blow falls once this run has
     * sent that many, however loaded the machine is.
     */
    private static String strike(Bench b, MatrixFault f, Process p, long baselineSent, Sizes sizes, boolean quick,
            Random random) throws IOException, InterruptedException {
        if (baselineSent == 0) {
            return "";
        }
        if (f == MatrixFault.KILL_9) {
            double at = 0.1 + 0.7 * random.nextDouble();
            waitForSent(b.admin, p, Math.round(at * baselineSent));
            p.destroyForcibly();
            p.waitFor();
            return String.format("kill -9 at %.0f%% of the work: ", at * 100);
        }
        long stormMs = quick ? 500 : 2000;
        for (double at : f.moments()) {
            waitForSent(b.admin, p, Math.round(at * baselineSent));
            if (!p.isAlive()) {
                return "the run ended before the blow at " + Math.round(at * 100) + "%";
            }
            switch (f) {
                case STORM_429 -> b.admin.post("faults", "{\"kind\":\"throttle\",\"retryAfterSeconds\":1,\"durationMs\":"
                        + stormMs + ",\"path\":\"/api/data/\"}");
                case BURST_503 -> b.admin.post("faults", "{\"kind\":\"status\",\"status\":503,\"durationMs\":"
                        + BURST_MS + ",\"path\":\"/api/data/\"}");
                case TOKEN_REVOKED -> b.admin.post("identity/access-tokens/expire", "{}");
                case IDP_DOWN -> {
                    b.admin.post("faults", "{\"kind\":\"status\",\"status\":503,\"durationMs\":"
                            + sizes.idpOutageSeconds() * 1000 + ",\"pathRegex\":\"/oauth2/v2\\\\.0/token$\"}");
                    b.admin.post("identity/access-tokens/expire", "{}");
                }
                default -> { }
            }
        }
        return switch (f) {
            case STORM_429 -> "3 storms of " + stormMs + " ms (every request 429, Retry-After: 1)";
            case BURST_503 -> "4 bursts of " + BURST_MS + " ms (every request 503)";
            case TOKEN_REVOKED -> "every access token revoked twice";
            case IDP_DOWN -> "token endpoint 503 for " + sizes.idpOutageSeconds() + " s, every access token revoked "
                    + "as it went down";
            default -> "";
        };
    }

    /** What the run was refused: Web API answers that were not accepted, and token endpoint 503s. */
    private static String hits(JsonNode stats) {
        long refused = stats.at("/webApi/sent").asLong() - stats.at("/webApi/accepted").asLong();
        long idp = 0;
        for (JsonNode c : stats.path("requests")) {
            if (c.path("path").asText().contains("/oauth2/") && c.path("status").asInt() >= 500) {
                idp += c.path("count").asLong();
            }
        }
        return refused + " data requests faulted or refused" + (idp > 0 ? ", " + idp + " token requests refused" : "");
    }

    private static void summarize(List<Cell> cells, boolean quick, Report report) {
        Map<MatrixWorkload, List<Cell>> by = new EnumMap<>(MatrixWorkload.class);
        cells.forEach(c -> by.computeIfAbsent(c.workload(), k -> new ArrayList<>()).add(c));
        List<List<String>> rows = new ArrayList<>();
        for (Cell c : cells) {
            boolean exact = c.lostOrDoubled() == 0 && c.exitCode() == 0;
            boolean costs = (c.fault() == MatrixFault.NONE || c.sentPerAccepted() <= 1.2)
                    && (!c.fault().wallJudged() || c.wallRatio() <= 2);
            // a quick run judges only what does not depend on size; the cost targets are shown in parentheses
            String met = !exact ? "NO" : costs ? "yes" : quick ? "(NO)" : "NO";
            rows.add(List.of(c.workload().label(), c.fault().label(), Long.toString(c.rows().missing()
                    + c.rows().unexpected()), Long.toString(c.rows().duplicates()),
                    String.format("%.3f", c.sentPerAccepted()), String.format("%.1f", c.wall().toMillis() / 1000.0),
                    c.fault() == MatrixFault.NONE ? "1.00" : String.format("%.2f", c.wallRatio())
                            + (c.fault().wallJudged() ? "" : " (outage)"), met));
        }
        report.add(new Report.Table("Fault matrix (targets: 0 lost, 0 doubled, sent/accepted <= 1.2, wall <= 2x "
                + "fault-free except the outage)", List.of("workload", "fault", "lost", "doubled", "sent/accepted",
                        "wall s", "wall/fault-free", "met?"), rows));
        for (Map.Entry<MatrixWorkload, List<Cell>> e : by.entrySet()) {
            String w = e.getKey().label();
            List<Cell> cs = e.getValue();
            Cell worstRows = cs.stream().max(java.util.Comparator.comparingLong(Cell::lostOrDoubled)).orElseThrow();
            long failedRuns = cs.stream().filter(c -> c.exitCode() != 0).count();
            report.add(new Figure("faults, " + w + ": rows lost or doubled (worst cell)", "rows",
                    worstRows.lostOrDoubled() + failedRuns, Double.NaN, 0, true, false, false, "worst: "
                            + worstRows.fault().label() + " (" + worstRows.rows() + "); runs that did not end with "
                            + "exit 0: " + failedRuns));
            Cell worstSent = cs.stream().filter(c -> c.fault() != MatrixFault.NONE)
                    .max(java.util.Comparator.comparingDouble(Cell::sentPerAccepted)).orElseThrow();
            report.add(new Figure("faults, " + w + ": requests sent per accepted (worst cell)", "×",
                    worstSent.sentPerAccepted(), Double.NaN, 1.2, true, false, true, "worst: " + worstSent.fault().label()
                            + " (" + worstSent.sent() + " sent, " + worstSent.accepted() + " accepted; "
                            + worstSent.note() + ")"));
            Cell worstWall = cs.stream().filter(c -> c.fault().wallJudged())
                    .max(java.util.Comparator.comparingDouble(Cell::wallRatio)).orElseThrow();
            Cell none = cs.stream().filter(c -> c.fault() == MatrixFault.NONE).findFirst().orElseThrow();
            report.add(new Figure("faults, " + w + ": wall time vs fault-free (worst cell)", "s",
                    worstWall.wall().toMillis() / 1000.0, none.wall().toMillis() / 1000.0, 2, false, false, true,
                    "worst: " + worstWall.fault().label() + "; the identity provider outage is not judged"));
        }
    }

    /** One emulator with the CLI signed in to it: a connection in a SLUICE_HOME of the benchmark's own. */
    private static final class Bench {
        final EmulatorProcess emulator;
        final EmulatorAdmin admin;
        final CliProcess cli;
        final Path dir;
        private final String tokenUrl;
        private final String clientId;
        private final String secret;

        private Bench(EmulatorProcess emulator, CliProcess cli, Path dir, String tokenUrl, String clientId,
                String secret) {
            this.emulator = emulator;
            this.admin = new EmulatorAdmin(emulator);
            this.cli = cli;
            this.dir = dir;
            this.tokenUrl = tokenUrl;
            this.clientId = clientId;
            this.secret = secret;
        }

        static Bench connect(Path jar, EmulatorProcess emulator) throws IOException, InterruptedException {
            JsonNode identity = emulator.info().path("identity");
            JsonNode app = null;
            for (JsonNode a : identity.path("apps")) {
                if (a.path("name").asText().equals(SERVICE_APP)) {
                    app = a;
                }
            }
            if (app == null) {
                throw new IllegalStateException("the emulator's info file has no '" + SERVICE_APP + "' app");
            }
            String tenant = identity.path("tenantId").asText();
            String clientId = app.path("clientId").asText();
            String secret = app.path("secrets").path(0).asText();
            Path dir = Files.createTempDirectory("sluice-fault-matrix");
            CliProcess cli = new CliProcess(jar, dir.resolve("home"), Map.of(SECRET_VARIABLE, secret));
            cli.expectOk("connection", "add", CONNECTION, "--org-url", emulator.orgUrl(), "--tenant", tenant, "--auth",
                    "client-secret", "--client-id", clientId, "--client-secret-env", SECRET_VARIABLE);
            cli.expectOk("auth", "login", CONNECTION);
            String origin = emulator.orgUrl().replaceAll("/+$", "");
            return new Bench(emulator, cli, dir, origin + "/" + tenant + "/oauth2/v2.0/token", clientId, secret);
        }

        /** A fresh access token for the checks (client credentials, like any other program). */
        String bearer() throws IOException, InterruptedException {
            String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret)
                    + "&scope=" + enc(emulator.orgUrl().replaceAll("/+$", "") + "/.default");
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tokenUrl))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("the emulator's token endpoint answered " + r.statusCode());
            }
            return JSON.readTree(r.body()).path("access_token").asText();
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
