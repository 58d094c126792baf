package dev.sluice.bench.macro;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Figure 5: footprint. An empty emulator's start to ready and idle resident memory (started as
 * {@code sluice emulator}, the JVM's default heap settings); and a Sluice client program's start to first
 * answer and idle resident memory, against the same request sent by a bare JDK {@link java.net.http.HttpClient}
 * program (the JVM floor). Times are medians of several starts (one in a quick run). Report-only: the issue sets no
 * number for these.
 */
final class FootprintBenchmark {
    /** How long a process idles before its memory is read. */
    private static final long IDLE_MILLIS = 1500;

    private FootprintBenchmark() {}

    static void run(Path cliJar, Path benchJar, int runs, Report report) throws Exception {
        double[] emulatorStart = new double[runs];
        double emulatorRss = 0;
        String orgUrl = null;
        for (int i = 0; i < runs; i++) {
            try (EmulatorProcess emulator = EmulatorProcess.start(cliJar, null, List.of("--no-auth"))) {
                emulatorStart[i] = emulator.startup().toMillis();
                if (i == runs - 1) {
                    Thread.sleep(IDLE_MILLIS);
                    emulatorRss = emulator.rssMiB();
                }
            }
        }
        report.add(new Figure("footprint: emulator start to ready (empty)", "ms", median(emulatorStart), Double.NaN,
                Double.NaN, true, false, false, "sluice emulator --no-auth, the six sample tables, no seed; from "
                        + "launching java until the info file is written; median of " + runs));
        report.add(new Figure("footprint: emulator idle RSS", "MiB", emulatorRss, Double.NaN, Double.NaN, true, false,
                false, "resident memory " + IDLE_MILLIS + " ms after ready, default JVM heap settings"));

        try (EmulatorProcess emulator = EmulatorProcess.start(cliJar, null, List.of("--no-auth"))) {
            orgUrl = emulator.orgUrl();
            double[] sluice = new double[runs];
            double[] raw = new double[runs];
            double[] rss = new double[2];
            for (int i = 0; i < runs; i++) {
                sluice[i] = firstAnswer(benchJar, orgUrl, false, i == runs - 1 ? rss : null, 0);
                raw[i] = firstAnswer(benchJar, orgUrl, true, i == runs - 1 ? rss : null, 1);
            }
            report.add(new Figure("footprint: client start to first answer", "ms", median(sluice), median(raw),
                    Double.NaN, true, false, false, "a java -cp sluice-bench.jar program that builds a DataverseClient "
                            + "and calls WhoAmI (the CLI has no Web API command yet), from launch to the answer; "
                            + "baseline: the same request through a bare JDK HttpClient in the same jar; -Xmx256m, "
                            + "median of " + runs));
            report.add(new Figure("footprint: client idle RSS", "MiB", rss[0], rss[1], Double.NaN, true, false, false,
                    "resident memory of those programs " + IDLE_MILLIS + " ms after their first answer"));
        }
    }

    /** Milliseconds from launching the program until it printed {@code ready}; its idle RSS into rss[slot]. */
    private static double firstAnswer(Path benchJar, String orgUrl, boolean raw, double[] rss, int slot)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(EmulatorProcess.javaBin(), "-Xmx256m", "-cp", benchJar.toString(),
                WhoAmIProgram.class.getName(), orgUrl));
        if (raw) {
            cmd.add("--raw");
        }
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                seen.append(line).append('\n');
            }
            if (line == null) {
                throw new IOException("the WhoAmI program ended without an answer: " + seen);
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            if (rss != null) {
                Thread.sleep(IDLE_MILLIS);
                rss[slot] = Rss.ofPid(p.pid());
            }
            return ms;
        } finally {
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
