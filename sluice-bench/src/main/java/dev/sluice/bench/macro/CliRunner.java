package dev.sluice.bench.macro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the {@code sluice} command as a user would ({@code java -jar sluice.jar …}), in 256 MiB of heap like the
 * rest of the client side, with its own {@code SLUICE_HOME}, timing the whole process. Thread-safe.
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
    }

    Path jar() {
        return jar;
    }

    Path home() {
        return home;
    }

    ChildRun run(String... args) throws IOException, InterruptedException {
        Path gc = Files.createTempFile("sluice-bench-gc", ".log");
        List<String> cmd = new ArrayList<>(List.of(EmulatorProcess.javaBin(), HEAP, ChildRun.gcLog(gc), "-jar",
                jar.toString()));
        cmd.addAll(List.of(args));
        return ChildRun.run(cmd, env, gc);
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
