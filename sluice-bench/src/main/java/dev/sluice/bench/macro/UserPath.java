package dev.sluice.bench.macro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * The {@code sluice} command on the user's path, for the user-path figures (12–16): the release's launcher
 * {@code bin/sluice} (as figure 11 starts it: {@code SLUICE_JAR} naming the built jar, its own {@code SLUICE_HOME}
 * and cache directory, the class-data-sharing archive the launcher trains on its first run, waited for before
 * anything is timed), under {@code -Xmx256m} ({@code SLUICE_JAVA_OPTS}, with a GC log for the peak heap), one stored
 * connection {@value #CONNECTION} to an emulator started with {@code --no-auth} (a static token). Standard output goes
 * to a file (the user's {@code > file}) or is discarded; standard error is kept for error messages. Not thread-safe.
 */
final class UserPath {
    static final String CONNECTION = "bench";
    static final String BEARER = "bench-user-path";
    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(20);
    private static final long SAMPLE_MILLIS = 20;
    /**
     * One launcher cache for every user-path figure of this bench run: the archive is keyed by the jar and the java
     * binary, so the first figure trains it and the others map it (a training per figure cost minutes in a quick run).
     */
    private static final Path SHARED_CACHE = Path.of(System.getProperty("java.io.tmpdir"),
            "sluice-bench-cds-" + ProcessHandle.current().pid());

    private final Path launcher;
    private final Path dir;
    private final Map<String, String> env = new HashMap<>();
    private double trainingMs = Double.NaN;

    private UserPath(Path jar, Path dir) {
        this.launcher = CliRunner.launcher();
        this.dir = dir;
        env.putAll(Map.of("SLUICE_JAR", jar.toAbsolutePath().toString(), "SLUICE_HOME", dir.resolve("home").toString(),
                "SLUICE_CACHE_DIR", SHARED_CACHE.toString(), "SLUICE_CONFIG", "",
                "SLUICE_OUTBOUND_PROXY", "direct"));
    }

    /** A home in {@code dir} with the connection to {@code emulator} stored, the launcher's archive trained. */
    static UserPath connect(Path jar, Path dir, EmulatorProcess emulator) throws IOException, InterruptedException {
        UserPath u = new UserPath(jar, dir);
        Path token = dir.resolve("token.txt");
        Files.writeString(token, BEARER);
        long t0 = System.nanoTime();
        u.run(null, "connection", "add", CONNECTION, "--org-url", emulator.orgUrl(), "--auth", "static-token");
        u.trainingMs = StartupBenchmark.awaitArchive(SHARED_CACHE, t0, ".jsa");
        u.run(null, "auth", "login", CONNECTION, "--token-file", token.toString(), "--expires-at",
                "2099-01-01T00:00:00Z");
        return u;
    }

    Path home() {
        return Path.of(env.get("SLUICE_HOME"));
    }

    Path dir() {
        return dir;
    }

    /** How long the launcher's training of its archive took after the first command (ms). */
    double trainingMs() {
        return trainingMs;
    }

    /** Runs {@code sluice ARGS} to its end with standard output to {@code stdout} (null: discarded); fails unless 0. */
    ChildRun run(Path stdout, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        return time(cmd, env, stdout, true);
    }

    /** A Java program of the bench jar under the same heap, standard output to {@code stdout} (null: discarded). */
    static ChildRun program(Path benchJar, Class<?> main, Path stdout, String... args) throws IOException,
            InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(EmulatorProcess.javaBin(), CliRunner.HEAP, "-cp",
                benchJar.toString(), main.getName()));
        cmd.addAll(List.of(args));
        return time(cmd, Map.of(), stdout, false);
    }

    /**
     * Times a whole process: wall time, CPU (sampled from {@code /proc}), peak heap from its GC log; the result's
     * {@code output} is its standard error (and standard output when that is not kept in a file).
     */
    private static ChildRun time(List<String> cmd, Map<String, String> env, Path stdout, boolean launcher)
            throws IOException, InterruptedException {
        Path gc = Files.createTempFile("sluice-bench-gc", ".log");
        Path err = Files.createTempFile("sluice-bench-err", ".log");
        List<String> command = new ArrayList<>(cmd);
        Map<String, String> all = new HashMap<>(env);
        if (launcher) {
            all.put("SLUICE_JAVA_OPTS", CliRunner.HEAP + " " + ChildRun.gcLog(gc));
        } else {
            command.add(1, ChildRun.gcLog(gc));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile())
                .redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(
                        stdout.toFile()));
        pb.environment().putAll(all);
        long start = System.nanoTime();
        Process p = pb.start();
        p.getOutputStream().close();
        double cpu = Double.NaN;
        long deadline = start + COMMAND_LIMIT.toNanos();
        while (!p.waitFor(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
            double now = Cpu.seconds(p.pid());
            cpu = Double.isNaN(now) ? cpu : now;
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not end within " + COMMAND_LIMIT.toMinutes()
                        + " minutes");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String text = Files.readString(err, StandardCharsets.UTF_8);
        Files.deleteIfExists(err);
        double heap = ChildRun.peakHeap(gc);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd.subList(1, Math.min(cmd.size(), 4))) + " exited with "
                    + p.exitValue() + ": " + text.strip().lines().reduce((a, b) -> b).orElse(""));
        }
        return new ChildRun(seconds, cpu, heap, 0, text);
    }

    /** The best (lowest) of some run times, and all of them for the note. */
    record Best(double seconds, double cpuSeconds, double peakHeapMiB, List<Double> all) {
        static Best of(List<ChildRun> runs) {
            ChildRun best = runs.stream().min(java.util.Comparator.comparingDouble(ChildRun::seconds)).orElseThrow();
            double heap = runs.stream().mapToDouble(ChildRun::peakHeapMiB).filter(h -> !Double.isNaN(h)).max()
                    .orElse(Double.NaN);
            return new Best(best.seconds(), best.cpuSeconds(), heap, runs.stream().map(ChildRun::seconds).toList());
        }

        String describe() {
            return String.format("%.2f s (%.1f CPU-s; turns %s s)", seconds, cpuSeconds,
                    all.stream().map(x -> String.format("%.2f", x)).toList());
        }
    }

    /** Deletes a directory tree. */
    static void deleteTree(Path root) throws IOException {
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
