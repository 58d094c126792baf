package dev.sluice.dataverse;

import dev.sluice.auth.StaticTokenCredential;
import java.util.UUID;

/**
 * The client side of {@link MillionRowScanSystemTest}, run in its own JVM with a small heap: scans
 * every account through {@link DataverseClient#query} and checks each id arrives exactly once, in
 * constant memory (an open-addressing set of 64-bit id hashes, 16 MB). Prints {@code rows=N distinct=D
 * maxHeapUsedMb=M} and exits 0 when N equals the expected count and there were no repeats.
 */
public final class MillionRowScan {
    private MillionRowScan() {}

    public static void main(String[] args) {
        String orgUrl = args[0];
        long expected = Long.parseLong(args[1]);
        DataverseClient client = DataverseClient.builder().orgUrl(orgUrl)
                .credential(StaticTokenCredential.of("million-scan", "t")).build();
        long[] slots = new long[1 << 21];
        long rows = 0;
        long repeats = 0;
        long maxUsed = 0;
        Runtime rt = Runtime.getRuntime();
        for (Row r : client.query(Query.table("account").select("accountid", "name"))) {
            UUID id = r.getUuid("accountid");
            long h = id.getMostSignificantBits() ^ id.getLeastSignificantBits();
            if (h == 0) {
                h = 1;
            }
            int i = (int) (h ^ (h >>> 32)) & (slots.length - 1);
            while (slots[i] != 0 && slots[i] != h) {
                i = (i + 1) & (slots.length - 1);
            }
            if (slots[i] == h) {
                repeats++;
            }
            slots[i] = h;
            if (++rows % 50_000 == 0) {
                maxUsed = Math.max(maxUsed, rt.totalMemory() - rt.freeMemory());
            }
        }
        System.out.printf("rows=%d repeats=%d maxHeapUsedMb=%d maxHeapMb=%d%n", rows, repeats, maxUsed >> 20,
                rt.maxMemory() >> 20);
        System.exit(rows == expected && repeats == 0 ? 0 : 1);
    }
}
