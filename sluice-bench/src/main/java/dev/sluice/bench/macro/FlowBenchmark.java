package dev.sluice.bench.macro;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.Query;
import dev.sluice.dataverse.Row;
import dev.sluice.flow.CheckedFlow;
import dev.sluice.flow.ConnectionResolver;
import dev.sluice.flow.FlowRunner;
import dev.sluice.flow.FlowValidator;
import dev.sluice.flow.RunOptions;
import dev.sluice.flow.RunSummary;
import dev.sluice.store.SluiceStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/**
 * Issue 10's figure: a Dataverse → PostgreSQL flow of every account (upsert by id, a checkpoint in the
 * engine store after every 1000-row chunk), in this JVM's heap, against the raw client's read of the same
 * columns (the baseline) in the same run. Target: at least 0.7 × the raw read rows/s. The target table is
 * checked afterwards: every row, once.
 */
final class FlowBenchmark {
    private static final String[] COLUMNS = {"accountid", "name", "accountnumber", "revenue", "modifiedon"};

    private FlowBenchmark() {}

    static void run(EmulatorProcess emulator, long rows, Report report) throws Exception {
        Path dir = Files.createTempDirectory("sluice-bench-flow");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
            sql(url, "CREATE TABLE crm_accounts (id UUID PRIMARY KEY, name VARCHAR(200), number VARCHAR(40), "
                    + "revenue NUMERIC(19,4), modified TIMESTAMP WITH TIME ZONE)");
            DataverseClient client = DataverseClient.builder().orgUrl(emulator.orgUrl())
                    .credential(StaticTokenCredential.of("bench-flow", "token")).build();
            scan(client); // warm-up
            long t0 = System.nanoTime();
            long read = scan(client);
            double raw = read / ((System.nanoTime() - t0) / 1e9);
            Path flow = dir.resolve("accounts-to-postgres.flow.yaml");
            Files.writeString(flow, """
                    flow: accounts-to-postgres
                    connections:
                      crm: { dataverse: "%s", token-env: CRM_TOKEN }
                      db: { jdbc: "%s", user: postgres }
                    source: { connection: crm, table: account, select: [accountid, name, accountnumber, revenue, modifiedon] }
                    map: { id: accountid, name: name, number: accountnumber, revenue: revenue, modified: modifiedon }
                    target: { connection: db, table: crm_accounts, write: upsert, key: [id], chunk-size: 1000 }
                    """.formatted(emulator.orgUrl(), url));
            RunSummary summary;
            long t1 = System.nanoTime();
            try (SluiceStore store = SluiceStore.builder().home(dir.resolve("home")).build();
                    CheckedFlow checked = new FlowValidator(ConnectionResolver.of(Map.of()),
                            Map.of("CRM_TOKEN", "token")).check(flow)) {
                summary = new FlowRunner(store.flows()).run(checked, RunOptions.DEFAULTS);
            }
            double seconds = (System.nanoTime() - t1) / 1e9;
            long[] target = count(url);
            if (read != rows || summary.read() != rows || target[0] != rows || target[1] != rows) {
                throw new AssertionError("flow moved " + summary.read() + " rows; target has " + target[0] + " ("
                        + target[1] + " distinct); expected " + rows);
            }
            report.add(new Figure("flow: Dataverse → PostgreSQL, upsert by key", "rows/s", rows / seconds, raw, 0.7,
                    false, true, true, String.format("%,d rows in %.1f s, checkpoint per 1000-row chunk, target "
                            + "checked (every row once); baseline: the raw client's scan of the same 5 columns; "
                            + "client heap -Xmx %d MiB", rows, seconds, Runtime.getRuntime().maxMemory() >> 20)));
        }
    }

    private static long scan(DataverseClient client) {
        long n = 0;
        for (Row r : client.query(Query.table("account").select(COLUMNS))) {
            n += r.values().isEmpty() ? 0 : 1;
        }
        return n;
    }

    private static void sql(String url, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static long[] count(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT id) FROM crm_accounts")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }
}
