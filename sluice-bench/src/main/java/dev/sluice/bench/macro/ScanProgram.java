package dev.sluice.bench.macro;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.Query;
import dev.sluice.dataverse.Row;

/**
 * The flow figure's baseline as a process of its own: the raw client's scan of a table's columns into a discarding
 * sink, printing the row count. Usage: {@code java -cp sluice-bench.jar dev.sluice.bench.macro.ScanProgram ORG_URL
 * TABLE COLUMN,…}.
 */
public final class ScanProgram {
    private ScanProgram() {}

    public static void main(String[] args) {
        DataverseClient client = DataverseClient.builder().orgUrl(args[0])
                .credential(StaticTokenCredential.of("bench-scan", "token")).build();
        long n = 0;
        for (Row r : client.query(Query.table(args[1]).select(args[2].split(",")))) {
            n += r.values().isEmpty() ? 0 : 1;
        }
        System.out.println("rows " + n);
    }
}
