package dev.sluice.bench.macro;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Figure 11: start-up on the user's path. The {@code sluice} command as whole processes started the way a user
 * starts them: the release's launcher {@code bin/sluice} (from the source tree, with {@code SLUICE_JAR} naming the
 * built jar; {@code ./sluice} runs the same launcher), its class-data-sharing archive trained by the launcher itself
 * on the first run (this figure waits for that), output to a discarding sink. Each command alternates with the
 * baseline, {@code java -version} (a JVM's start and exit with nothing of ours), best of N turns each. Also reported:
 * the same commands with the archive off ({@code SLUICE_CDS=off}), so the archive's worth is read off the table, and,
 * where the machine has a Java 25 or newer under {@code /usr/lib/jvm}, the same launcher on it ({@code JAVA_HOME}),
 * whose training writes an AOT cache instead, against that Java's {@code -version}.
 * Targets (issue 14): {@code --version} and {@code --help} ≤ 300 ms, {@code connection test} (store + one WhoAmI
 * with a token from the emulator's identity platform) ≤ 600 ms; absolute, so judged at full size only.
 */
final class StartupBenchmark {
    private static final String SECRET_VARIABLE = "SLUICE_BENCH_SECRET";
    private static final String SERVICE_APP = "Sluice Service";
    private static final Duration TRAINING_LIMIT = Duration.ofMinutes(5);

    private StartupBenchmark() {}

    static void run(Path jar, int turns, Report report) throws Exception {
        Path launcher = CliRunner.launcher();
        Path dir = Files.createTempDirectory("sluice-bench-startup");
        Path cache = dir.resolve("cache");
        Map<String, String> env = new HashMap<>(Map.of("SLUICE_JAR", jar.toAbsolutePath().toString(),
                "SLUICE_HOME", dir.resolve("home").toString(), "SLUICE_CACHE_DIR", cache.toString(),
                "SLUICE_CONFIG", "", "SLUICE_OUTBOUND_PROXY", "direct",
                "JAVA_HOME", System.getProperty("java.home"))); // the java the figure names, whatever the PATH holds
        try (EmulatorProcess emulator = EmulatorProcess.start(jar, null, List.of("--seed", "accounts=100"))) {
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
            env.put(SECRET_VARIABLE, app.path("secrets").path(0).asText());
            // the first run: the launcher starts its training in the background
            long t0 = System.nanoTime();
            expectOk(launcher, env, "connection", "add", "bench", "--org-url", emulator.orgUrl(), "--tenant",
                    identity.path("tenantId").asText(), "--auth", "client-secret", "--client-id",
                    app.path("clientId").asText(), "--client-secret-env", SECRET_VARIABLE);
            double training = awaitArchive(cache, t0, ".jsa");
            // warms the page cache and the emulator: its token and WhoAmI paths interpreted, not yet compiled, answered
            // the first tests 0.1-0.2 s slower than a service that has been up a while
            for (int i = 0; i < 3 * turns; i++) {
                expectOk(launcher, env, "connection", "test", "bench");
            }

            // the same launcher on a newer Java where the machine has one: its training writes an AOT cache
            Path newer = javaHomeOfAtLeast(25);
            Map<String, String> onNewer = new HashMap<>(env);
            double newerTraining = Double.NaN;
            if (newer != null) {
                onNewer.put("JAVA_HOME", newer.toString());
                onNewer.put("SLUICE_CACHE_DIR", dir.resolve("cache-newer").toString());
                long t1 = System.nanoTime();
                expectOk(launcher, onNewer, "connection", "list");
                newerTraining = awaitArchive(dir.resolve("cache-newer"), t1, ".aot");
                expectOk(launcher, onNewer, "connection", "test", "bench");
            }

            List<String[]> commands = List.of(new String[] {"--version"}, new String[] {"--help"},
                    new String[] {"connection", "list"}, new String[] {"connection", "test", "bench"});
            Map<String, String> noArchive = new HashMap<>(env);
            noArchive.put("SLUICE_CDS", "off");
            for (String[] args : commands) {
                List<List<String>> runs = new ArrayList<>(List.of(command(launcher, args), command(launcher, args),
                        List.of(EmulatorProcess.javaBin(), "-version")));
                List<Map<String, String>> envs = new ArrayList<>(List.of(env, noArchive, env));
                if (newer != null) {
                    runs.addAll(List.of(command(launcher, args),
                            List.of(newer.resolve("bin/java").toString(), "-version")));
                    envs.addAll(List.of(onNewer, env));
                }
                double[] best = bestOf(turns, runs, envs);
                String shown = "sluice " + String.join(" ", args);
                double target = args[0].startsWith("--") ? 300 : args[1].equals("test") ? 600 : Double.NaN;
                report.add(new Figure("start: " + shown + ", whole process", "ms", best[0], best[2], target,
                        true, false, true, "bin/sluice as a user runs it on Java " + Runtime.version().feature()
                                + ", class archive trained by the launcher (" + Math.round(training)
                                + " ms after the first run); baseline java -version; best of " + turns
                                + ", taking turns; without the archive (SLUICE_CDS=off): " + Math.round(best[1])
                                + " ms"));
                if (newer != null) {
                    report.add(new Figure("start: " + shown + ", whole process, Java " + newer.getFileName(), "ms",
                            best[3], best[4], target, true, false, true, "the same launcher with JAVA_HOME=" + newer
                                    + ": its AOT cache (-XX:AOTCache, trained by the launcher, "
                                    + Math.round(newerTraining) + " ms after the first run); baseline that java's "
                                    + "-version; taking turns with the runs above, best of " + turns));
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static List<String> command(Path launcher, String[] args) {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The best wall time in ms of each command, running them in turn {@code turns} times. */
    private static double[] bestOf(int turns, List<List<String>> commands, List<Map<String, String>> envs)
            throws IOException, InterruptedException {
        double[] best = new double[commands.size()];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int t = 0; t < turns; t++) {
            for (int i = 0; i < commands.size(); i++) {
                best[i] = Math.min(best[i], time(commands.get(i), envs.get(i)));
            }
        }
        return best;
    }

    private static double time(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not end within 2 minutes");
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue());
        }
        return ms;
    }

    private static void expectOk(Path launcher, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("sluice-bench-startup", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command(launcher, args)).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("sluice " + String.join(" ", args) + " failed: "
                        + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Waits until the launcher's training wrote its archive ({@code suffix}); ms since {@code startedNanos}. */
    static double awaitArchive(Path cache, long startedNanos, String suffix) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TRAINING_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(cache)) {
                try (Stream<Path> files = Files.list(cache)) {
                    List<String> names = files.map(f -> f.getFileName().toString()).toList();
                    if (names.stream().anyMatch(n -> n.endsWith(suffix))
                            && names.stream().noneMatch(n -> n.endsWith(".lock"))) {
                        return (System.nanoTime() - startedNanos) / 1e6;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the launcher wrote no class archive in " + cache + " within "
                + TRAINING_LIMIT.toMinutes() + " minutes");
    }

    /** A Java under /usr/lib/jvm (Debian's place for them) of at least this feature version, above ours; or null. */
    private static Path javaHomeOfAtLeast(int feature) throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (Runtime.version().feature() >= feature || !Files.isDirectory(jvms)) {
            return null;
        }
        java.util.regex.Pattern version = java.util.regex.Pattern.compile("^JAVA_VERSION=\"(\\d+)",
                java.util.regex.Pattern.MULTILINE);
        try (Stream<Path> homes = Files.list(jvms)) {
            for (Path h : homes.sorted().toList()) {
                Path release = h.resolve("release");
                if (Files.isRegularFile(release) && Files.isExecutable(h.resolve("bin/java"))) {
                    java.util.regex.Matcher m = version.matcher(Files.readString(release));
                    if (m.find() && Integer.parseInt(m.group(1)) >= feature) {
                        return h;
                    }
                }
            }
        }
        return null;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
