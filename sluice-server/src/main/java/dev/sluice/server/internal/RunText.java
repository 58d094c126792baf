package dev.sluice.server.internal;

import dev.sluice.store.FlowRun;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

/** A run's progress in words for the pages: rate, ETA. Stateless. */
public final class RunText {
    private RunText() {}

    /** {@code 12,345 rows/s}. */
    public static String rate(FlowRun run, Instant now) {
        return String.format(Locale.ROOT, "%,d rows/s", Math.round(run.rate(now)));
    }

    /** {@code about 2 min 5 s}, or why there is none. */
    public static String eta(FlowRun run, Instant now) {
        if (!run.running()) {
            return "—";
        }
        OptionalLong s = run.etaSeconds(now);
        if (s.isEmpty()) {
            return run.expected() == null ? "unknown (the source does not say how many rows to expect)"
                    : "unknown until the first rows are read";
        }
        long n = s.getAsLong();
        return "about " + (n >= 3600 ? n / 3600 + " h " + (n % 3600) / 60 + " min"
                : n >= 60 ? n / 60 + " min " + n % 60 + " s" : n + " s");
    }
}
