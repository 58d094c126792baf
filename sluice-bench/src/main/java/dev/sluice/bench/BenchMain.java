package dev.sluice.bench;

import dev.sluice.bench.macro.MacroRunner;
import java.util.Arrays;

/**
 * Entry point of {@code sluice-bench.jar}: {@code micro [JMH options]} runs the JMH micro benchmarks;
 * {@code macro [--quick] [--out FILE]} runs the whole-run benchmarks against the emulator.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "macro" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (mode) {
            case "micro" -> org.openjdk.jmh.Main.main(rest);
            case "macro" -> System.exit(MacroRunner.run(rest));
            default -> {
                System.err.println("usage: sluice-bench (micro [JMH options] | macro [--quick] [--out FILE])");
                System.exit(2);
            }
        }
    }
}
