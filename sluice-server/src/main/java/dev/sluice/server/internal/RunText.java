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

    /**
     * The chunk a run is at: {@code chunk 7 of about 20 (records 3,001–3,500)} while it runs (chunks are committed in
     * order, so the one after those counted), {@code 20 chunks} once it ended.
     */
    public static String chunk(FlowRun run, int chunkSize) {
        long done = run.counts().read() / chunkSize;
        if (!run.running()) {
            return String.format(Locale.ROOT, "%,d chunks of up to %,d records", (run.counts().read() + chunkSize - 1)
                    / chunkSize, chunkSize);
        }
        long total = run.expected() == null ? -1 : (run.expected() + chunkSize - 1) / chunkSize;
        long first = done * chunkSize + 1;
        return String.format(Locale.ROOT, "chunk %,d%s (records %,d–%,d)", done + 1,
                total > done ? String.format(Locale.ROOT, " of about %,d", total) : "", first, first + chunkSize - 1);
    }

    /** {@code 850 ms}, {@code 1.4 s}, {@code 2 min 5 s}, {@code 1 h 3 min}. */
    public static String duration(java.time.Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        return s >= 3600 ? s / 3600 + " h " + (s % 3600) / 60 + " min" : s / 60 + " min " + s % 60 + " s";
    }
}
