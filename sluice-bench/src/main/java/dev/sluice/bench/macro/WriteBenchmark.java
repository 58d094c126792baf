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
 * extrapolated. Afterwards a scan checks that exactly the expected distinct contacts exist.
 */
final class WriteBenchmark {
    static final String BEARER = "bench-write";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WriteBenchmark() {}

    static void run(EmulatorProcess emulator, Sizes sizes, Report report) throws Exception {
        // warm both paths (JIT, connections) on rows of their own prefix
        baseline(emulator, "warm-base", 300);
        sluice(emulator, "warm-bulk", 5_000);

        long t0 = System.nanoTime();
        baseline(emulator, "base", sizes.writeBaselineRows());
        double baselineSeconds = (System.nanoTime() - t0) / 1e9;

        long t1 = System.nanoTime();
        long failed = sluice(emulator, "bulk", sizes.writeRows());
        double sluiceSeconds = (System.nanoTime() - t1) / 1e9;
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
        double baselineRate = sizes.writeBaselineRows() / baselineSeconds;
        double sluiceRate = sizes.writeRows() / sluiceSeconds;
        report.add(new Figure("write: upsert by alternate key", "rows/s", sluiceRate, baselineRate, 25, false, true,
                true, String.format("Sluice: UpsertMultiple of %,d contacts by emailaddress1, 1000 per request, %.1f s; "
                        + "baseline: one PATCH contacts(emailaddress1='…') per record, sequential, measured on a sample "
                        + "of %,d records (%.1f s) and extrapolated as rows/s (%,.0f s for %,d). Scan afterwards: %s",
                        sizes.writeRows(), sluiceSeconds, sizes.writeBaselineRows(), baselineSeconds,
                        sizes.writeRows() / baselineRate, sizes.writeRows(), check)));
    }

    /** Sluice's bulk path through a streaming {@link BulkWriter}; returns how many records failed. */
    private static long sluice(EmulatorProcess emulator, String prefix, int rows) {
        DataverseClient client = DataverseClient.builder().orgUrl(emulator.orgUrl())
                .credential(StaticTokenCredential.of("bench-write", BEARER)).build();
        AtomicLong failed = new AtomicLong();
        try (BulkWriter w = client.bulkWriter("contact", WriteMode.UPSERT, List.of("emailaddress1"),
                BulkOptions.DEFAULTS, o -> {
                    if (o.failed()) {
                        failed.incrementAndGet();
                    }
                })) {
            for (int i = 0; i < rows; i++) {
                w.add(ContactRecords.record(prefix, i));
            }
        }
        return failed.get();
    }

    /** One PATCH by alternate key per record, each waiting for the previous one. */
    private static void baseline(EmulatorProcess emulator, String prefix, int rows)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        for (int i = 0; i < rows; i++) {
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
