package dev.sluice.emulator.limits;

import java.util.function.BooleanSupplier;

/** Waits for a condition another thread makes true (a generous timeout, not a timing assertion). */
final class Poll {
    private static final long TIMEOUT_MS = 30_000;

    private Poll() {}

    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }
}
