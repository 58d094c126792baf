package dev.sluice.bench.macro;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of processes from {@code /proc/PID/stat} (Linux): user + system, with the children the process has
 * already reaped; {@link #tree} adds the live children (a PostgreSQL postmaster's backends). NaN elsewhere.
 */
final class Cpu {
    /** Clock ticks per second of {@code /proc} times ({@code getconf CLK_TCK}; 100 on Linux). */
    private static final double TICKS = 100.0;

    private Cpu() {}

    /** Seconds of CPU the process and its reaped children used, or NaN. */
    static double seconds(long pid) {
        long[] t = times(pid);
        return t == null ? Double.NaN : (t[0] + t[1] + t[2] + t[3]) / TICKS;
    }

    /** As {@link #seconds}, plus what its live children used so far. */
    static double tree(long pid) {
        double own = seconds(pid);
        if (Double.isNaN(own)) {
            return own;
        }
        long ticks = 0;
        try (DirectoryStream<Path> all = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : all) {
                long child = Long.parseLong(p.getFileName().toString());
                String[] f = fields(child);
                if (f != null && Long.parseLong(f[1]) == pid) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return own + ticks / TICKS;
    }

    /** utime, stime, cutime, cstime in ticks. */
    private static long[] times(long pid) {
        String[] f = fields(pid);
        return f == null ? null : new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                Long.parseLong(f[14])};
    }

    /** The fields after the command name: state is [0], ppid [1], utime [11], stime [12], cutime [13], cstime [14]. */
    private static String[] fields(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
