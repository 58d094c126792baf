package dev.sluice.bench.macro;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.dataverse.Batch;
import dev.sluice.dataverse.BatchOptions;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.Query;
import dev.sluice.dataverse.RecordKey;
import dev.sluice.dataverse.Row;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issue 15's third figure: a change-tracking flow with {@code on-delete: delete} keeps a PostgreSQL table in sync
 * with every account; after {@code changes} rows are updated and {@code deletes} deleted in Dataverse, the rerun
 * ({@code sluice flow run}, a whole process) must read only the changes (the emulator's request log: every read of
 * accounts carries the delta token, and the run read exactly changes + deletes rows), leave the target exactly equal
 * to the source (an order-independent digest of every (id, name) on both sides), and take at most 2 s.
 */
final class IncrementalFlowBenchmark {
    private IncrementalFlowBenchmark() {}

    /** What one rerun did: rows read, reads of accounts, reads without the delta token, whether the target is exact. */
    private record Check(long read, int accountReads, int withoutToken, boolean exact) {
        long beyond(int changes, int deletes) {
            return read - changes - deletes + withoutToken;
        }

        String describe() {
            return String.format("read %,d rows in %d GET(s) of accounts, %d without the delta token; target %s", read,
                    accountReads, withoutToken, exact ? "equal to the source (digest of every id and name)"
                    : "DIFFERENT from the source");
        }
    }

    static void run(EmulatorProcess emulator, Postgres pg, CliRunner cli, Path dir, long rows, boolean quick,
            Report report) throws Exception {
        int changes = quick ? 100 : 1_000;
        int deletes = quick ? 10 : 100;
        pg.sql("CREATE TABLE crm_sync (id UUID PRIMARY KEY, name VARCHAR(200), number VARCHAR(40), "
                + "revenue NUMERIC(19,4), modified TIMESTAMP WITH TIME ZONE)");
        Path flows = Files.createDirectories(dir.resolve("flows"));
        Path flow = flows.resolve("accounts-sync.flow.yaml");
        Files.writeString(flow, """
                flow: accounts-sync
                connections:
                  crm: { dataverse: "%s", token-env: CRM_TOKEN }
                  db: { jdbc: "%s", user: postgres }
                source:
                  connection: crm
                  table: account
                  select: [%s]
                  incremental: change-tracking
                map: { id: accountid, name: name, number: accountnumber, revenue: revenue, modified: modifiedon }
                target: { connection: db, table: crm_sync, write: upsert, key: [id], chunk-size: 1000, on-delete: delete }
                """.formatted(emulator.orgUrl(), pg.url(), FlowBenchmark.COLUMNS.replace(",", ", ")));
        ChildRun first = cli.run("flow", "run", flow.toString());
        if (FlowBenchmark.read(first.output()) != rows) {
            throw new AssertionError("the first change-tracking run read " + FlowBenchmark.read(first.output())
                    + " rows, expected " + rows);
        }
        DataverseClient client = DataverseClient.builder().orgUrl(emulator.orgUrl())
                .credential(StaticTokenCredential.of("bench-changes", "token")).build();
        EmulatorAdmin admin = new EmulatorAdmin(emulator);

        // in the server, where a scheduled or triggered sync runs
        ServerProcess.Run served;
        try (ServerProcess server = new ServerProcess(cli.jar(), cli.home(), flows, Map.of("CRM_TOKEN", "bench"))) {
            server.run("accounts-sync"); // a running server has run its syncs before: warm, nothing new yet
            change(client, 0, changes, deletes);
            admin.delete("stats");
            served = server.run("accounts-sync");
        }
        Check inServer = check(admin, client, pg, served.body().path("read").asLong());

        // as a sluice flow run process: JVM start, store open and validation included
        change(client, changes + deletes, changes, deletes);
        admin.delete("stats");
        ChildRun rerun = cli.run("flow", "run", flow.toString());
        Check inCli = check(admin, client, pg, FlowBenchmark.read(rerun.output()));

        report.add(new Figure("flow: incremental rerun after " + changes + " changes and " + deletes + " deletes, "
                + "in the server", "s", served.seconds(), Double.NaN, 2.0, true, false, true, String.format("from POST "
                + "…/runs to the run seen ended through the API of a running sluice serve that had run the flow once "
                + "before with nothing new (the run itself: %.2f s); "
                + "%,d-row source; %s; first full read of the same flow (sluice flow run): %.1f s", served.serverSeconds(),
                rows, inServer.describe(), first.seconds())));
        report.add(new Figure("flow: incremental rerun, as a sluice flow run process", "s", rerun.seconds(),
                Double.NaN, Double.NaN, true, false, true, String.format("the same after another %d changes and %d "
                + "deletes, as a whole process (JVM start, engine store open, validation included); %s", changes,
                deletes, inCli.describe())));
        report.add(new Figure("flow: incremental reruns, rows read beyond the changes", "rows",
                inServer.beyond(changes, deletes) + inCli.beyond(changes, deletes), Double.NaN, 0, true, false, false,
                "both reruns: rows read minus the changes and deletions, plus reads of accounts without the delta token"));
        report.add(new Figure("flow: incremental reruns, target different from the source", "runs",
                (inServer.exact() ? 0 : 1) + (inCli.exact() ? 0 : 1), Double.NaN, 0, true, false, false,
                "reruns whose target's digest of (id, name) differs from the source's"));
    }

    /** Updates {@code changes} accounts and deletes {@code deletes}, from the {@code from}-th account on. */
    private static void change(DataverseClient client, int from, int changes, int deletes) {
        List<UUID> ids = client.query(Query.table("account").select("accountid")).stream().skip(from)
                .limit(changes + deletes).map(r -> r.getUuid("accountid")).toList();
        List<Map<String, Object>> updates = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("accountid", ids.get(i));
            u.put("name", "Changed for the incremental figure " + from + "/" + i);
            updates.add(u);
        }
        if (!client.updateMultiple("account", updates).failures().isEmpty()) {
            throw new AssertionError("updating accounts in the emulator failed");
        }
        Batch batch = new Batch();
        for (int i = changes; i < changes + deletes; i++) {
            batch.delete("account", RecordKey.of(ids.get(i)));
        }
        if (!client.batch(batch, BatchOptions.continuing()).failures().isEmpty()) {
            throw new AssertionError("deleting accounts in the emulator failed");
        }
    }

    private static Check check(EmulatorAdmin admin, DataverseClient client, Postgres pg, long read) throws Exception {
        int accountReads = 0;
        int withoutToken = 0;
        for (JsonNode r : admin.get("requests?limit=1000").path("value")) {
            String url = URLDecoder.decode(r.path("url").asText(), StandardCharsets.UTF_8);
            if (r.path("method").asText().equals("GET") && url.contains("/accounts")) {
                accountReads++;
                withoutToken += url.contains("$deltatoken=") ? 0 : 1;
            }
        }
        String source = digest(client.query(Query.table("account").select("accountid", "name")).stream()
                .map(IncrementalFlowBenchmark::line));
        return new Check(read, accountReads, withoutToken, source.equals(pgDigest(pg)));
    }

    private static String line(Row r) {
        return r.getUuid("accountid") + "|" + r.getString("name");
    }

    private static String pgDigest(Postgres pg) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.url(), "postgres", "")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(5000);
                try (ResultSet rs = s.executeQuery("SELECT id::text || '|' || coalesce(name, 'null') FROM crm_sync")) {
                    Digest d = new Digest();
                    while (rs.next()) {
                        d.add(rs.getString(1));
                    }
                    return d.toString();
                }
            }
        }
    }

    private static String digest(java.util.stream.Stream<String> lines) {
        Digest d = new Digest();
        lines.forEach(d::add);
        return d.toString();
    }

    /** An order-independent digest: the count and the sum of each line's 64-bit SHA-256 prefix. Not thread-safe. */
    private static final class Digest {
        private long count;
        private long sum;

        void add(String line) {
            try {
                byte[] h = MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8));
                sum += java.nio.ByteBuffer.wrap(h, 0, 8).getLong();
                count++;
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return count + ":" + Long.toHexString(sum);
        }
    }
}
