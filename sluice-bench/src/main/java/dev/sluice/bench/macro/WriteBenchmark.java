package dev.sluice.bench.macro;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.BulkOptions;
import dev.sluice.dataverse.BulkWriter;
import dev.sluice.dataverse.DataverseClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 2: upsert contacts by alternate key ({@code emailaddress1}) with Sluice's bulk path
 * ({@code UpsertMultiple} in 1000-record chunks, parallel up to the server's dop hint) against one
 * {@code PATCH contacts(emailaddress1='…')} per record sent one after another over a plain
 * {@link HttpClient}, the way simple integrations write. The baseline runs on a sample and its rows/s is
 * extrapolated. The two take turns in {@value #ROUNDS} rounds, each writing its next share of rows, so that
 * the load of a shared machine weighs on both alike. Afterwards a scan checks that exactly the expected
 * distinct contacts exist.
 */
final class WriteBenchmark {
    static final String BEARER = "bench-write";
    /** Turns each side takes. */
    private static final int ROUNDS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private WriteBenchmark() {}

    static void run(EmulatorProcess emulator, Sizes sizes, Report report) throws Exception {
        DataverseClient client = DataverseClient.builder().orgUrl(emulator.orgUrl())
                .credential(StaticTokenCredential.of("bench-write", BEARER)).build();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        // warm both paths (JIT, connections) on rows of their own prefix
        baseline(http, emulator, "warm-base", 0, 300);
        sluice(client, "warm-bulk", 0, 5_000);

        // the two take turns, so that a change in the machine's load (it is shared) touches both alike
        long baselineNanos = 0;
        long sluiceNanos = 0;
        long failed = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int from = sizes.writeBaselineRows() * round / ROUNDS;
            int to = sizes.writeBaselineRows() * (round + 1) / ROUNDS;
            long t0 = System.nanoTime();
            baseline(http, emulator, "base", from, to);
            baselineNanos += System.nanoTime() - t0;
            from = sizes.writeRows() * round / ROUNDS;
            to = sizes.writeRows() * (round + 1) / ROUNDS;
            long t1 = System.nanoTime();
            failed += sluice(client, "bulk", from, to);
            sluiceNanos += System.nanoTime() - t1;
        }
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + sizes.writeRows() + " upserts failed");
        }
        KeyScan.Result check = KeyScan.scan(emulator, BEARER, "bulk", sizes.writeRows());
        if (!check.exact()) {
            throw new IllegalStateException("after upserting " + sizes.writeRows() + " contacts the org has " + check);
        }
        KeyScan.Result baseCheck = KeyScan.scan(emulator, BEARER, "base", sizes.writeBaselineRows());
        if (!baseCheck.exact()) {
            throw new IllegalStateException("after the baseline's " + sizes.writeBaselineRows() + " PATCHes the org has "
                    + baseCheck);
        }
        double baselineSeconds = baselineNanos / 1e9;
        double sluiceSeconds = sluiceNanos / 1e9;
        double baselineRate = sizes.writeBaselineRows() / baselineSeconds;
        double sluiceRate = sizes.writeRows() / sluiceSeconds;
        report.add(new Figure("write: upsert by alternate key", "rows/s", sluiceRate, baselineRate, 25, false, true,
                true, String.format("Sluice: UpsertMultiple of %,d contacts by emailaddress1, 1000 per request, %.1f s; "
                        + "baseline: one PATCH contacts(emailaddress1='…') per record, sequential, measured on a sample "
                        + "of %,d records (%.1f s) and extrapolated as rows/s (%,.0f s for %,d); the two took %d turns "
                        + "each. Scan afterwards: %s", sizes.writeRows(), sluiceSeconds, sizes.writeBaselineRows(),
                        baselineSeconds, sizes.writeRows() / baselineRate, sizes.writeRows(), ROUNDS, check)));
    }

    /** Sluice's bulk path through a streaming {@link BulkWriter}; returns how many records failed. */
    static long sluice(DataverseClient client, String prefix, int from, int to) {
        AtomicLong failed = new AtomicLong();
        try (BulkWriter w = client.bulkWriter("contact", WriteMode.UPSERT, List.of("emailaddress1"),
                BulkOptions.DEFAULTS, o -> {
                    if (o.failed()) {
                        failed.incrementAndGet();
                    }
                })) {
            for (int i = from; i < to; i++) {
                w.add(ContactRecords.record(prefix, i));
            }
        }
        return failed.get();
    }

    /** One PATCH by alternate key per record, each waiting for the previous one. */
    private static void baseline(HttpClient http, EmulatorProcess emulator, String prefix, int from, int to)
            throws IOException, InterruptedException {
        for (int i = from; i < to; i++) {
            String key = "contacts(emailaddress1='" + ContactRecords.email(prefix, i) + "')";
            HttpRequest req = HttpRequest.newBuilder(URI.create(emulator.webApiUrl() + key.replace("'", "%27")
                            .replace("@", "%40")))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + BEARER)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .header("OData-Version", "4.0")
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(
                            JSON.writeValueAsBytes(ContactRecords.body(i))))
                    .build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 204) {
                throw new IOException("baseline PATCH got HTTP " + r.statusCode() + ": " + r.body());
            }
        }
    }
}
