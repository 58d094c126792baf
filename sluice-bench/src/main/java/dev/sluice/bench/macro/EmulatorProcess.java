package dev.sluice.bench.macro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The emulator in its own process (started from the CLI jar, so the benchmark JVM's heap holds only
 * Sluice's side), with the time from start to ready and its resident memory. Ready is when its
 * {@code --info-file} appears (written atomically once it serves requests). Not thread-safe.
 */
public final class EmulatorProcess implements AutoCloseable {
    private final Process process;
    private final JsonNode info;
    private final Duration startup;

    private EmulatorProcess(Process process, JsonNode info, Duration startup) {
        this.process = process;
        this.info = info;
        this.startup = startup;
    }

    /** Starts {@code sluice emulator} with {@code args}; {@code heap} is its -Xmx, or null for the JVM's default. */
    public static EmulatorProcess start(Path cliJar, String heap, List<String> args) throws IOException,
            InterruptedException {
        Path infoFile = Files.createTempFile("sluice-emulator", ".json");
        Files.delete(infoFile);
        List<String> cmd = new ArrayList<>(List.of(javaBin()));
        if (heap != null) {
            cmd.add("-Xmx" + heap);
        }
        cmd.addAll(List.of("-jar", cliJar.toString(), "emulator", "--port", "0", "--info-file", infoFile.toString()));
        cmd.addAll(args);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        while (!Files.exists(infoFile)) {
            if (!p.isAlive()) {
                throw new IOException("the emulator exited with " + p.exitValue() + " before it was ready");
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException("the emulator was not ready within 5 minutes");
            }
            Thread.sleep(5);
        }
        Duration startup = Duration.ofNanos(System.nanoTime() - start);
        JsonNode info = new ObjectMapper().readTree(infoFile.toFile());
        Files.deleteIfExists(infoFile);
        return new EmulatorProcess(p, info, startup);
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public JsonNode info() {
        return info;
    }

    public String orgUrl() {
        return info.path("orgUrl").asText();
    }

    public String webApiUrl() {
        return info.path("webApiUrl").asText();
    }

    public Duration startup() {
        return startup;
    }

    /** The emulator's process id (for its CPU time). */
    public long pid() {
        return process.pid();
    }

    /** Resident set size in MiB (Linux /proc), or NaN elsewhere. */
    public double rssMiB() {
        return Rss.ofPid(process.pid());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
