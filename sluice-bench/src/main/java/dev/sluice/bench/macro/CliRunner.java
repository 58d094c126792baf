package dev.sluice.bench.macro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the {@code sluice} command as a user would, through the release's launcher {@code bin/sluice} (which picks the
 * JIT and collector for the command and the machine), in 256 MiB of heap like the rest of the client side
 * ({@code SLUICE_JAVA_OPTS}), with its own {@code SLUICE_HOME}, timing the whole process. No class archive
 * ({@code SLUICE_CDS=off}): these figures are long runs, and no earlier cache should decide them. Thread-safe.
 */
final class CliRunner {
    /** The client side's heap: the "heap within 256 MiB". */
    static final String HEAP = "-Xmx256m";

    private final Path jar;
    private final Path home;
    private final Map<String, String> env = new HashMap<>();

    CliRunner(Path jar, Path home, Map<String, String> env) {
        this.jar = jar;
        this.home = home;
        this.env.putAll(env);
        this.env.put("SLUICE_HOME", home.toString());
        this.env.putAll(Map.of("SLUICE_JAR", jar.toAbsolutePath().toString(), "SLUICE_CDS", "off",
                "JAVA_HOME", System.getProperty("java.home")));
    }

    /** The release's launcher in the source tree. */
    static Path launcher() {
        return Path.of("sluice-dist/src/main/dist/bin/sluice").toAbsolutePath();
    }

    Path jar() {
        return jar;
    }

    Path home() {
        return home;
    }

    ChildRun run(String... args) throws IOException, InterruptedException {
        Path gc = Files.createTempFile("sluice-bench-gc", ".log");
        return ChildRun.run(command(args), environment(HEAP + " " + ChildRun.gcLog(gc)), gc);
    }

    /** The command line that runs {@code sluice args} through the launcher. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(launcher().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The environment of a command: this runner's, with {@code javaOptions} as {@code SLUICE_JAVA_OPTS}. */
    Map<String, String> environment(String javaOptions) {
        Map<String, String> all = new HashMap<>(env);
        all.put("SLUICE_JAVA_OPTS", javaOptions);
        return all;
    }

    /** A Java program of the bench jar, with the same heap. */
    static ChildRun program(Path benchJar, Class<?> main, String... args) throws IOException, InterruptedException {
        Path gc = Files.createTempFile("sluice-bench-gc", ".log");
        List<String> cmd = new ArrayList<>(List.of(EmulatorProcess.javaBin(), HEAP, ChildRun.gcLog(gc), "-cp",
                benchJar.toString(), main.getName()));
        cmd.addAll(List.of(args));
        return ChildRun.run(cmd, Map.of(), gc);
    }
}
