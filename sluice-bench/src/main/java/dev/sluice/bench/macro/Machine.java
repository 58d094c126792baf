package dev.sluice.bench.macro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a run was measured on: cores, memory, Java version and the benchmark JVM's heap bound.
 * Immutable.
 */
record Machine(int cores, long totalMemoryMiB, String java, long maxHeapMiB) {

    static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readMemTotal(), Runtime.version().toString(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    /** MemTotal from {@code /proc/meminfo} (Linux), or -1 elsewhere. */
    private static long readMemTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public String toString() {
        return cores + " cores, " + (totalMemoryMiB < 0 ? "?" : String.format("%,d", totalMemoryMiB)) + " MiB memory, Java "
                + java + ", client JVM -Xmx" + maxHeapMiB + "m";
    }
}
