package dev.sluice.bench.macro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code sluice} command as a user runs it: {@code java -Xmx256m -jar sluice.jar ARGS} in its own process,
 * with its own {@code SLUICE_HOME}; output goes to a log file (the last lines are kept for error messages). Can
 * be killed with SIGKILL mid-run. Not thread-safe.
 */
final class CliProcess {
    /** The longest one command may take before the benchmark gives up on it. */
    private static final Duration LIMIT = Duration.ofMinutes(20);

    private final Path jar;
    private final Path home;
    private final Map<String, String> env;
    private final Path log;

    /** What one command did. */
    record Result(int exitCode, Duration wall, String tail) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    CliProcess(Path jar, Path home, Map<String, String> env) throws IOException {
        this.jar = jar;
        this.home = home;
        this.env = Map.copyOf(env);
        this.log = Files.createTempFile("sluice-bench-cli", ".log");
    }

    /** Starts a command without waiting for it. */
    Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(EmulatorProcess.javaBin(), "-Xmx256m", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().put("SLUICE_HOME", home.toString());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Runs a command to its end. */
    Result run(String... args) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = start(args);
        return finish(p, t0);
    }

    /** Waits for a started command. */
    Result finish(Process p, long startedNanos) throws IOException, InterruptedException {
        if (!p.waitFor(LIMIT.toMinutes(), TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("a sluice command did not end within " + LIMIT.toMinutes() + " minutes");
        }
        return new Result(p.exitValue(), Duration.ofNanos(System.nanoTime() - startedNanos), tail());
    }

    /** Like {@link #run}, but a command that fails is an error naming its output. */
    Result expectOk(String... args) throws IOException, InterruptedException {
        Result r = run(args);
        if (!r.ok()) {
            throw new IllegalStateException("sluice " + args[0] + " exited with " + r.exitCode() + ": " + r.tail());
        }
        return r;
    }

    /** The last lines of the log. */
    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
    }
}
