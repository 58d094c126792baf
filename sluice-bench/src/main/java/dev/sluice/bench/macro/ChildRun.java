package dev.sluice.bench.macro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whole process as a user would run it, timed from start to exit: its wall time, the CPU it used (sampled from
 * {@code /proc} while it runs), its peak heap (from the JVM's own GC log, when it is a JVM given {@link #gcLog})
 * and its output. Immutable.
 *
 * @param seconds wall time
 * @param cpuSeconds CPU time of the process, or NaN
 * @param peakHeapMiB the most heap in use before a collection, or NaN
 * @param exitCode its exit code
 * @param output stdout and stderr
 */
record ChildRun(double seconds, double cpuSeconds, double peakHeapMiB, int exitCode, String output) {
    /** How often CPU time is sampled while the process runs. */
    private static final long SAMPLE_MILLIS = 20;
    private static final Pattern HEAP = Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)");

    /** The JVM option that writes the GC log {@link #run} reads the peak heap from. */
    static String gcLog(Path file) {
        return "-Xlog:gc:file=" + file;
    }

    /** Runs {@code command} with {@code env} added; fails when it does not exit 0. */
    static ChildRun run(List<String> command, Map<String, String> env, Path gcLog) throws IOException,
            InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("sluice-bench-child", ".out");
        pb.redirectOutput(out.toFile());
        long start = System.nanoTime();
        Process p = pb.start();
        double cpu = Double.NaN;
        while (!p.waitFor(SAMPLE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            double now = Cpu.seconds(p.pid());
            cpu = Double.isNaN(now) ? cpu : now;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        ChildRun r = new ChildRun(seconds, cpu, gcLog == null ? Double.NaN : peakHeap(gcLog), p.exitValue(), text);
        if (r.exitCode != 0) {
            throw new IOException(String.join(" ", command.subList(Math.max(0, command.size() - 4), command.size()))
                    + " exited with " + r.exitCode + ": " + tail(text));
        }
        return r;
    }

    static double peakHeap(Path gcLog) throws IOException {
        if (!Files.exists(gcLog)) {
            return Double.NaN;
        }
        double peak = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = HEAP.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
            }
        }
        Files.deleteIfExists(gcLog);
        return peak;
    }

    private static String tail(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n")));
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
}
