package dev.sluice.bench.macro;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.BulkOptions;
import dev.sluice.dataverse.BulkWriter;
import dev.sluice.dataverse.DataverseClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 3: Sluice imports contacts ({@code UpsertMultiple} by alternate key, {@link Sizes#throttleChunk()}
 * records per request) into an emulator whose service protection limits are scaled down until they bind: {@link Sizes#throttleLimit()} requests per
 * {@link Sizes#throttleWindowSeconds()}-second sliding window and 20 concurrent (execution time keeps
 * Dataverse's 20 minutes, which does not bind). The best rows/s those limits allow is
 * {@code requests per window × largest request size ÷ window}; Sluice's rows/s is reported as a share of
 * it. Afterwards the emulator's own counts tell requests sent against requests accepted (no retry
 * storm), and a scan by key finds every row exactly once.
 */
final class ThrottledWriteBenchmark {
    private static final String BEARER = "bench-throttled";
    /** The example: 20 concurrent requests per identity (Dataverse: 52). */
    static final int CONCURRENT = 20;

    private ThrottledWriteBenchmark() {}

    /** The emulator's arguments for these limits. */
    static List<String> emulatorArgs(Sizes sizes) {
        return List.of("--no-auth", "--limit-requests", Integer.toString(sizes.throttleLimit()), "--limit-window",
                Integer.toString(sizes.throttleWindowSeconds()), "--limit-concurrent", Integer.toString(CONCURRENT));
    }

    static void run(EmulatorProcess emulator, Sizes sizes, Report report) throws Exception {
        EmulatorAdmin admin = new EmulatorAdmin(emulator);
        int rows = sizes.throttledRows();
        int chunk = sizes.throttleChunk();
        DataverseClient client = DataverseClient.builder().orgUrl(emulator.orgUrl())
                .credential(StaticTokenCredential.of("bench-throttled", BEARER)).build();
        client.table("contact"); // the one metadata request, before the clock starts
        admin.delete("stats");

        AtomicLong failed = new AtomicLong();
        long t0 = System.nanoTime();
        try (BulkWriter w = client.bulkWriter("contact", WriteMode.UPSERT, List.of("emailaddress1"),
                BulkOptions.DEFAULTS.withChunkSize(chunk), o -> {
                    if (o.failed()) {
                        failed.incrementAndGet();
                    }
                })) {
            for (int i = 0; i < rows; i++) {
                w.add(ContactRecords.record("throttled", i));
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        EmulatorAdmin.IdentityTotals totals = admin.identityTotals();

        if (Boolean.getBoolean("bench.debug")) {
            for (var r : admin.get("requests?limit=1000").path("value")) {
                System.out.println(r.path("time").asText() + " " + r.path("status").asText() + " " + r.path("durationMs").asText() + "ms " + r.path("url").asText().replaceAll(".*/", "") + " " + r.path("throttledBy").asText()+ " "+ r.path("headers").path("x-ms-ratelimit-burst-remaining-xrm-requests"));
            }
        }
        // lift the limits so that the check is not throttled itself
        admin.put("limits", "{\"maxRequests\":6000,\"windowMs\":300000,\"maxConcurrent\":52}");
        KeyScan.Result check = KeyScan.scan(emulator, BEARER, "throttled", rows);

        double window = sizes.throttleWindowSeconds();
        double ceiling = sizes.throttleLimit() * (double) chunk / window;
        double rate = rows / seconds;
        int requests = (rows + chunk - 1) / chunk;
        int windows = (requests + sizes.throttleLimit() - 1) / sizes.throttleLimit();
        double bestFromEmpty = windows <= 1 ? Double.NaN : rows / ((windows - 1) * window);
        String limits = String.format("%d requests per %.0f s window, %d concurrent, %,d-record requests",
                sizes.throttleLimit(), window, CONCURRENT, chunk);
        report.add(new Figure("throttled write: rows/s vs the limits' ceiling", "rows/s", rate, ceiling, 0.9, false,
                true, true, String.format("%s: ceiling = %d × %,d ÷ %.0f s = %,.0f rows/s; Sluice imported %,d rows in "
                        + "%.1f s (%,d requests, %,d rejected). The first window starts empty, so a run of %d windows "
                        + "can beat the steady ceiling: the best any client could do here is %,.0f rows/s (every "
                        + "window's requests sent the moment it opens), and Sluice reached %.0f%% of that. Once the "
                        + "service reports the window spent, Sluice sends one probe at a time; a refused probe pauses "
                        + "the identity for its Retry-After (whole seconds), and Dataverse counts it in the next "
                        + "window.",
                        limits, sizes.throttleLimit(), chunk, window, ceiling, rows, seconds, totals.sent(),
                        totals.rejected(), windows, bestFromEmpty, 100 * rate / bestFromEmpty)));
        long lost = check.missing() + check.duplicates() + check.unexpected();
        report.add(new Figure("throttled write: rows lost or duplicated", "rows", lost, Double.NaN, 0, true, false,
                false, "scan by key afterwards: " + check + "; outcomes reported failed: " + failed.get()));
        report.add(new Figure("throttled write: requests sent per accepted", "×",
                totals.sent() / (double) totals.accepted(), Double.NaN, 1.1, true, false, false, String.format(
                        "from the emulator's per-identity counts: %,d sent, %,d accepted, %,d answered 429 (%,d of them "
                        + "for the %d-concurrent limit: Sluice keeps to the server's x-ms-dop-hint of 4)",
                        totals.sent(), totals.accepted(), totals.rejected(), totals.rejectedByConcurrency(),
                        CONCURRENT)));
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + rows + " throttled upserts were reported failed");
        }
    }
}
