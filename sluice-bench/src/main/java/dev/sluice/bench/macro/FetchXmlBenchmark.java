package dev.sluice.bench.macro;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.FetchCondition;
import dev.sluice.dataverse.FetchXmlBuilder;
import dev.sluice.dataverse.Filter;
import dev.sluice.dataverse.Query;
import dev.sluice.dataverse.Row;
import dev.sluice.dataverse.RowStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * FetchXML read: every account streamed by {@code DataverseClient.fetchXml} (5000-row pages following paging
 * cookies) into a sink that discards the rows, against the same rows and columns read by {@code query} with a
 * {@code $filter} (the baseline), both under this JVM's {@code -Xmx256m}. The two take turns ({@value #ROUNDS} full
 * scans each) after a warm-up, and each scan's row count and a checksum of its account numbers must agree.
 */
final class FetchXmlBenchmark {
    /** Full scans each side makes, in alternation. */
    private static final int ROUNDS = 2;
    private static final String[] COLUMNS = {"name", "accountnumber", "revenue", "numberofemployees", "createdon"};

    private FetchXmlBenchmark() {}

    static void run(EmulatorProcess emulator, long rows, Report report) {
        DataverseClient client = DataverseClient.builder().orgUrl(emulator.orgUrl())
                .credential(StaticTokenCredential.of("bench-fetchxml", "token")).build();
        String fetchXml = FetchXmlBuilder.from("account").attributes(COLUMNS)
                .where(FetchCondition.notNull("accountnumber")).build();
        Query odata = Query.table("account").select(COLUMNS).where(Filter.ne("accountnumber", null));
        scan(client.fetchXml(fetchXml), 3, null);
        scan(client.query(odata), 3, null);
        long fetchNanos = 0;
        long filterNanos = 0;
        long[] heap = new long[1];
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            long[] filtered = scan(client.query(odata), Long.MAX_VALUE, null);
            filterNanos += System.nanoTime() - t0;
            long t1 = System.nanoTime();
            long[] fetched = scan(client.fetchXml(fetchXml), Long.MAX_VALUE, heap);
            fetchNanos += System.nanoTime() - t1;
            if (fetched[0] != rows || filtered[0] != rows || fetched[1] != filtered[1]) {
                throw new IllegalStateException("FetchXML read " + fetched[0] + " rows (checksum " + fetched[1]
                        + "), $filter " + filtered[0] + " (checksum " + filtered[1] + "), expected " + rows);
            }
        }
        double fetchSeconds = fetchNanos / 1e9 / ROUNDS;
        double filterSeconds = filterNanos / 1e9 / ROUNDS;
        long maxHeap = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        report.add(new Figure("fetchxml: " + rows + " accounts by FetchXML vs $filter", "rows/s",
                rows / fetchSeconds, rows / filterSeconds, 0.8, false, true, true,
                String.format("%,d rows, %d columns, 5000-row pages; FetchXML %.1f s following paging cookies, $filter "
                        + "%.1f s following nextLinks (mean of %d turns each, in alternation); same rows (count and "
                        + "checksum of account numbers); peak heap %d MiB of -Xmx %d MiB", rows, COLUMNS.length,
                        fetchSeconds, filterSeconds, ROUNDS, heap[0], maxHeap)));
        report.add(new Figure("fetchxml: peak heap used during scan", "MiB", heap[0], Double.NaN, maxHeap, true,
                false, false, "heap sampled every 5000 rows of the FetchXML scan"));
    }

    /** Rows read and a checksum of their account numbers; stops after {@code maxPages} pages. */
    private static long[] scan(RowStream stream, long maxPages, long[] peakHeapMiB) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long n = 0;
        long sum = 0;
        for (Row r : stream) {
            sum += r.getString("accountnumber").hashCode();
            n++;
            if (n % 5000 == 0) {
                if (peakHeapMiB != null) {
                    peakHeapMiB[0] = Math.max(peakHeapMiB[0], memory.getHeapMemoryUsage().getUsed() / (1024 * 1024));
                }
                if (stream.pagesFetched() >= maxPages) {
                    break;
                }
            }
        }
        return new long[] {n, sum};
    }
}
