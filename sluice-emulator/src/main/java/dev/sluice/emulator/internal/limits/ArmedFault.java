package dev.sluice.emulator.internal.limits;

import dev.sluice.emulator.ActiveFault;
import dev.sluice.emulator.FaultSpec;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** One armed fault with its remaining count. Thread-safe: the count is taken atomically. */
final class ArmedFault {
    private final String id;
    private final FaultSpec spec;
    private final Pattern regex;
    private final AtomicInteger remaining;

    ArmedFault(String id, FaultSpec spec) {
        this.id = id;
        this.spec = spec;
        this.regex = spec.pathRegex() == null ? null : Pattern.compile(spec.pathRegex());
        this.remaining = new AtomicInteger(spec.times());
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
            if (remaining.compareAndSet(n, n - 1)) {
                return true;
            }
        }
    }

    boolean exhausted() {
        return remaining.get() <= 0;
    }

    ActiveFault snapshot() {
        return new ActiveFault(id, spec, Math.max(0, remaining.get()));
    }
}
