package dev.sluice.bench.macro;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.Query;
import dev.sluice.dataverse.Row;
import dev.sluice.dataverse.RowStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Figure 1: a full scan of the accounts in 5000-row pages into a sink that discards them, by Sluice's
 * client and by a plain {@link HttpClient} that fetches the same pages and discards the bytes (the I/O
 * floor). The baseline only finds each page's nextLink (scanning the tail of the bytes), parses nothing.
 * Each side scans {@value #ROUNDS} times, taking turns with the other.
 */
final class ReadBenchmark {
    /** Full scans each side makes, in alternation. */
    private static final int ROUNDS = 2;

    private ReadBenchmark() {}

    static void run(EmulatorProcess emulator, long rows, Report report) throws Exception {
        // warm both paths on a few pages first
        baseline(emulator, 3);
        sluice(emulator, 3, null);
        // the two take turns, so that a change in the machine's load (it is shared) touches both alike
        long baselineNanos = 0;
        long sluiceNanos = 0;
        long[] heap = new long[1];
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            long baselineRows = baseline(emulator, Long.MAX_VALUE);
            baselineNanos += System.nanoTime() - t0;
            long t1 = System.nanoTime();
            long sluiceRows = sluice(emulator, Long.MAX_VALUE, heap);
            sluiceNanos += System.nanoTime() - t1;
            if (baselineRows != rows || sluiceRows != rows) {
                throw new IllegalStateException("read " + sluiceRows + " rows (baseline " + baselineRows
                        + "), expected " + rows);
            }
        }
        double baselineSeconds = baselineNanos / 1e9 / ROUNDS;
        double sluiceSeconds = sluiceNanos / 1e9 / ROUNDS;
        long sluiceRows = rows;
        long baselineRows = rows;
        long maxHeap = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        report.add(new Figure("read: full scan, 5000-row pages", "rows/s", sluiceRows / sluiceSeconds,
                baselineRows / baselineSeconds, 0.8, false, true, true,
                String.format("%,d rows; Sluice %.1f s, raw HttpClient %.1f s (mean of %d turns each, taken in "
                        + "alternation); peak heap used %d MiB of -Xmx %d MiB", rows, sluiceSeconds, baselineSeconds,
                        ROUNDS, heap[0], maxHeap)));
        report.add(new Figure("read: peak heap used during scan", "MiB", heap[0], Double.NaN,
                maxHeap, true, false, false, "heap sampled after every page; the scan must fit in -Xmx"));
    }

    private static long sluice(EmulatorProcess emulator, long maxPages, long[] peakHeapMiB) {
        DataverseClient client = DataverseClient.builder().orgUrl(emulator.orgUrl())
                .credential(StaticTokenCredential.of("bench-read", "token")).build();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        RowStream stream = client.query(Query.table("account"));
        long n = 0;
        long sink = 0;
        long peak = 0;
        for (Row r : stream) {
            sink += r.values().size();
            n++;
            if (n % 5000 == 0) {
                if (peakHeapMiB != null) {
                    peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed() / (1024 * 1024));
                }
                if (stream.pagesFetched() >= maxPages) {
                    break;
                }
            }
        }
        if (peakHeapMiB != null) {
            peakHeapMiB[0] = Math.max(peakHeapMiB[0], peak);
        }
        if (sink < 0) {
            System.out.println(sink);
        }
        return n;
    }

    /** The I/O floor: fetch every page, keep nothing but the nextLink. */
    private static long baseline(EmulatorProcess emulator, long maxPages) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String next = emulator.webApiUrl() + "accounts";
        long pages = 0;
        long rows = 0;
        byte[] buf = new byte[64 * 1024];
        while (next != null && pages < maxPages) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(next)).header("Authorization", "Bearer token")
                    .header("Accept", "application/json").header("OData-Version", "4.0")
                    .header("Prefer", "odata.maxpagesize=5000").build();
            HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                throw new IOException("baseline page got HTTP " + r.statusCode());
            }
            // keep only the last bytes: the nextLink is the final member of the page
            byte[] tail = new byte[8192];
            int tailLen = 0;
            try (InputStream in = r.body()) {
                int k;
                while ((k = in.read(buf)) > 0) {
                    rows += count(buf, k);
                    if (k >= tail.length) {
                        System.arraycopy(buf, k - tail.length, tail, 0, tail.length);
                        tailLen = tail.length;
                    } else {
                        int keep = Math.min(tailLen, tail.length - k);
                        System.arraycopy(tail, tailLen - keep, tail, 0, keep);
                        System.arraycopy(buf, 0, tail, keep, k);
                        tailLen = keep + k;
                    }
                }
            }
            String end = new String(tail, 0, tailLen, StandardCharsets.UTF_8);
            int at = end.lastIndexOf("\"@odata.nextLink\":\"");
            next = at < 0 ? null : end.substring(at + 19, end.indexOf('"', at + 19));
            pages++;
        }
        return rows;
    }

    /** Counts rows by their etag annotation (one per row), so the baseline's row count is checked too. */
    private static final byte[] ETAG = "\"@odata.etag\"".getBytes(StandardCharsets.US_ASCII);
    private static int carry;

    private static int count(byte[] b, int len) {
        int n = 0;
        for (int i = 0; i < len; i++) {
            if (b[i] == ETAG[carry]) {
                carry++;
                if (carry == ETAG.length) {
                    n++;
                    carry = 0;
                }
            } else {
                carry = b[i] == ETAG[0] ? 1 : 0;
            }
        }
        return n;
    }
}
