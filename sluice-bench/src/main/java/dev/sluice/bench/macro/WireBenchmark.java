package dev.sluice.bench.macro;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Figure 17: the user's read and import on loopback and under the emulator's {@code --latency cloud} profile (a
 * round trip per request, server time per request and per record written; see the emulator's README). One emulator
 * process started with {@code --latency cloud} and the accounts seeded; the profile is switched off and on through
 * {@code PUT /_emulator/latency} so both wires serve the same org. Each turn runs, as whole processes through one
 * stored connection, {@code sluice query bench account --select 5 columns --format jsonl > file} and
 * {@code sluice import bench contact --from file.csv --key emailaddress1} (fresh keys each run), loopback and cloud
 * taking turns; best of the turns. Report only: what the wire costs the user.
 */
final class WireBenchmark {
    static final String COLUMNS = "accountnumber,name,revenue,numberofemployees,address1_city";
    private static final String NONE = "{\"profile\":\"none\"}";
    private static final String CLOUD = "{\"profile\":\"cloud\"}";

    private WireBenchmark() {}

    static void run(Path cliJar, String heap, long accounts, int importRows, int turns, Report report)
            throws Exception {
        Path dir = Files.createTempDirectory("sluice-bench-wire");
        try (EmulatorProcess emulator = EmulatorProcess.start(cliJar, heap,
                List.of("--no-auth", "--latency", "cloud", "--seed", "accounts=" + accounts))) {
            EmulatorAdmin admin = new EmulatorAdmin(emulator);
            String cloudProfile = admin.get("latency").path("profile").asText();
            if (!cloudProfile.equals("rtt=40ms,request=20ms,write=40ms,bulk=10ms")) {
                throw new IllegalStateException("sluice emulator --latency cloud put '" + cloudProfile + "' in force");
            }
            CliRunner cli = new CliRunner(cliJar, dir.resolve("home"), Map.of());
            Path token = dir.resolve("token.txt");
            Files.writeString(token, "bench-token");
            cli.run("connection", "add", "bench", "--org-url", emulator.orgUrl(), "--auth", "static-token");
            cli.run("auth", "login", "bench", "--token-file", token.toString(), "--expires-at", "2099-01-01T00:00:00Z");
            // warm the emulator's paths (and the OS's caches of the jar) on loopback before anything is timed
            admin.put("latency", NONE);
            timedToFile(cli, dir.resolve("warm.jsonl"), "query", "bench", "account", "--select", COLUMNS, "--top",
                    "5000", "--format", "jsonl");
            cli.run("import", "bench", "contact", "--from", contacts(dir, "wire-warm", 1000).toString(), "--key",
                    "emailaddress1");
            List<Double> readLoop = new ArrayList<>();
            List<Double> readCloud = new ArrayList<>();
            List<Double> importLoop = new ArrayList<>();
            List<Double> importCloud = new ArrayList<>();
            for (int turn = 0; turn < turns; turn++) {
                for (boolean cloud : new boolean[] {turn % 2 != 0, turn % 2 == 0}) {
                    admin.put("latency", cloud ? CLOUD : NONE);
                    // every identity's windows afresh: the previous run's execution time must not throttle this one
                    admin.put("limits", "{}");
                    Path out = dir.resolve("accounts.jsonl");
                    double read = timedToFile(cli, out, "query", "bench", "account", "--select", COLUMNS, "--format",
                            "jsonl");
                    long lines = lines(out);
                    if (lines != accounts) {
                        throw new AssertionError("sluice query wrote " + lines + " lines; expected " + accounts);
                    }
                    (cloud ? readCloud : readLoop).add(read);
                    String prefix = "wire-" + (cloud ? "cloud" : "loop") + turn;
                    Path csv = contacts(dir, prefix, importRows);
                    ChildRun imp = cli.run("import", "bench", "contact", "--from", csv.toString(), "--key",
                            "emailaddress1");
                    (cloud ? importCloud : importLoop).add(imp.seconds());
                    admin.put("latency", NONE);
                    KeyScan.Result found = KeyScan.scan(emulator, "bench-token", prefix, importRows);
                    if (!found.exact() || found.rows() != importRows) {
                        throw new AssertionError("sluice import left " + found + "; expected " + importRows
                                + " rows once. Output: " + imp.output());
                    }
                    Files.delete(csv);
                }
            }
            add(report, "read: sluice query --format jsonl", accounts, readLoop, readCloud,
                    "sluice query bench account --select " + COLUMNS + " --format jsonl > file");
            add(report, "import: sluice import by alternate key", importRows, importLoop, importCloud,
                    "sluice import bench contact --from file.csv --key emailaddress1 (UpsertMultiple, 1000 a request, "
                            + "parallel up to x-ms-dop-hint 4)");
        }
    }

    private static void add(Report report, String what, long rows, List<Double> loop, List<Double> cloud,
            String command) {
        double bestLoop = loop.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double bestCloud = cloud.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        report.add(new Figure("wire: " + what + ", loopback (whole process)", "rows/s", rows / bestLoop, Double.NaN,
                Double.NaN, false, true, true, String.format("%,d rows; %s; best of %s s", rows, command, fmt(loop))));
        report.add(new Figure("wire: " + what + ", --latency cloud vs loopback (whole process)", "rows/s",
                rows / bestCloud, rows / bestLoop, Double.NaN, false, true, true, String.format("%,d rows; the "
                        + "same command under rtt=40ms,request=20ms,write=40ms,bulk=10ms: best of %s s against "
                        + "loopback's %s s, taking turns in one emulator", rows, fmt(cloud), fmt(loop))));
    }

    static String fmt(List<Double> seconds) {
        return seconds.stream().map(x -> String.format("%.1f", x)).toList().toString();
    }

    /** Runs a sluice command with its standard output into {@code out} (the user's {@code > file}); its seconds. */
    static double timedToFile(CliRunner cli, Path out, String... args) throws IOException, InterruptedException {
        Path err = Files.createTempFile("sluice-bench-wire", ".err");
        ProcessBuilder pb = new ProcessBuilder(CliRunner.command(args)).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().putAll(cli.environment(CliRunner.HEAP));
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("sluice " + args[0] + " did not end within 20 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String errors = Files.readString(err, StandardCharsets.UTF_8);
        Files.deleteIfExists(err);
        if (p.exitValue() != 0) {
            throw new IOException("sluice " + args[0] + " exited with " + p.exitValue() + ": " + errors.strip());
        }
        return seconds;
    }

    private static long lines(Path file) throws IOException {
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            while (r.readLine() != null) {
                n++;
            }
        }
        return n;
    }

    /** A CSV of {@code rows} contacts with keys under {@code prefix}. */
    static Path contacts(Path dir, String prefix, int rows) throws IOException {
        Path csv = dir.resolve(prefix + ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("emailaddress1,firstname,lastname,jobtitle,telephone1,address1_city\n");
            for (int i = 0; i < rows; i++) {
                w.write(String.join(",", ContactRecords.record(prefix, i).values().stream().map(Object::toString)
                        .toList()));
                w.write('\n');
            }
        }
        return csv;
    }
}
