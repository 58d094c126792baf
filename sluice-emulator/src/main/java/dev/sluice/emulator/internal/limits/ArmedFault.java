package dev.sluice.emulator.internal.limits;

import dev.sluice.emulator.ActiveFault;
import dev.sluice.emulator.FaultSpec;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * One armed fault with its remaining count and, for a fault with a window, when it ends. Thread-safe:
 * the count is taken atomically.
 */
final class ArmedFault {
    private final String id;
    private final FaultSpec spec;
    private final Pattern regex;
    private final AtomicInteger remaining;
    private final Instant ends;

    ArmedFault(String id, FaultSpec spec, Instant armedAt) {
        this.id = id;
        this.spec = spec;
        this.regex = spec.pathRegex() == null ? null : Pattern.compile(spec.pathRegex());
        this.remaining = new AtomicInteger(spec.times());
        this.ends = spec.window() == null ? null : armedAt.plus(spec.window());
    }

    String id() {
        return id;
    }

    FaultSpec spec() {
        return spec;
    }

    boolean matches(String method, String rawPath) {
        if (spec.method() != null && !spec.method().equals(method)) {
            return false;
        }
        if (spec.pathPrefix() != null) {
            return rawPath.startsWith(spec.pathPrefix());
        }
        return regex == null || regex.matcher(rawPath).find();
    }

    /** Takes one use; false when none is left (another thread may have taken the last). */
    boolean take() {
        while (true) {
            int n = remaining.get();
            if (n <= 0) {
                return false;
            }
            if (n == FaultSpec.UNLIMITED || remaining.compareAndSet(n, n - 1)) {
                return true;
            }
        }
    }

    /** Whether its uses are spent or its window has passed. */
    boolean exhausted(Instant now) {
        return remaining.get() <= 0 || (ends != null && !now.isBefore(ends));
    }

    ActiveFault snapshot() {
        return new ActiveFault(id, spec, Math.max(0, remaining.get()));
    }
}
