package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.Filter;
import dev.sluice.dataverse.Query;
import dev.sluice.dataverse.RecordKey;
import dev.sluice.dataverse.Row;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.RecordedRequest;
import dev.sluice.store.FlowRun;
import dev.sluice.store.SluiceStore;
import dev.sluice.testing.WithEmulator;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeping a target truly in sync, end to end against the emulator and a real PostgreSQL: rows deleted in Dataverse
 * (change tracking) and in a source table or file (full compare) are deleted or marked in the target, and
 * {@code where} is pushed down to {@code $filter} and {@code WHERE}.
 */
@WithEmulator(noAuth = true, seed = {"accounts=60"})
class SyncTest {
    static Emulator emulator;
    static EndToEndFlows flows;
    static DataverseClient client;
    static Path dir;
    static SluiceStore store;

    @BeforeAll
    static void start() {
        flows = EndToEndFlows.start(emulator, "sync-test", 25, "pg",
                "CREATE TABLE dv_accounts (id UUID PRIMARY KEY, name VARCHAR(200), revenue NUMERIC(19,4))",
                "CREATE TABLE dv_marked (id UUID PRIMARY KEY, name VARCHAR(200), deleted_at TIMESTAMP WITH TIME ZONE)",
                "CREATE TABLE src_items (id INTEGER PRIMARY KEY, name VARCHAR(50), price NUMERIC(10,2))",
                "CREATE TABLE dst_items (id INTEGER PRIMARY KEY, name VARCHAR(50), price NUMERIC(10,2), "
                        + "gone BOOLEAN)",
                "CREATE TABLE dst_people (id INTEGER PRIMARY KEY, name VARCHAR(50))");
        client = flows.client;
        dir = flows.dir;
        store = flows.store;
    }

    @AfterAll
    static void stop() throws IOException {
        flows.close();
    }

    /** Every account in Dataverse as "id|name", sorted. */
    static List<String> dataverseAccounts() {
        return client.query(Query.table("account").select("accountid", "name")).stream()
                .map(r -> r.getUuid("accountid") + "|" + r.getString("name")).sorted().toList();
    }

    @Test
    void rowsDeletedInDataverseAreDeletedInPostgresByChangeTracking() {
        String yaml = """
                flow: dv-sync
                source: { connection: crm, table: account, select: [accountid, name, revenue], incremental: change-tracking }
                map: { id: accountid, name: name, revenue: revenue }
                target: { connection: pg, table: dv_accounts, write: upsert, key: [id], chunk-size: 20, on-delete: delete }
                """;
        RunSummary first = flows.run(yaml);
        assertThat(first.created()).isEqualTo(dataverseAccounts().size());
        List<Row> some = client.query(Query.table("account").select("accountid").top(5)).stream().limit(5).toList();
        for (int i = 0; i < 3; i++) {
            client.delete("account", RecordKey.of(some.get(i).getUuid("accountid")));
        }
        client.update("account", RecordKey.of(some.get(3).getUuid("accountid")), Map.of("name", "Renamed in CRM"));

        RunSummary delta = flows.run(yaml);
        assertThat(delta.read()).isEqualTo(4);
        assertThat(delta.deleted()).isEqualTo(3);
        assertThat(delta.updated()).isEqualTo(1);
        assertThat(flows.rows("SELECT id || '|' || name FROM dv_accounts ORDER BY 1")).isEqualTo(dataverseAccounts());

        RunSummary quiet = flows.run(yaml);
        assertThat(quiet.read()).isZero();
        assertThat(quiet.deleted()).isZero();
    }

    @Test
    void onDeleteMarkSetsTheMarkColumnToWhenTheDeletionWasSeenAndLeavesTheRow() {
        String yaml = """
                flow: dv-mark
                source: { connection: crm, table: account, select: [accountid, name], incremental: change-tracking }
                map: { id: accountid, name: name }
                target:
                  connection: pg
                  table: dv_marked
                  write: upsert
                  key: [id]
                  on-delete: mark
                  mark-column: deleted_at
                """;
        flows.run(yaml);
        UUID gone = client.create("account", Map.of("name", "Short-lived"));
        flows.run(yaml);
        assertThat(flows.rows("SELECT deleted_at FROM dv_marked WHERE id = '" + gone + "'")).containsExactly("null");
        client.delete("account", RecordKey.of(gone));
        RunSummary s = flows.run(yaml);
        assertThat(s.deleted()).isEqualTo(1);
        assertThat(flows.rows("SELECT name, deleted_at IS NOT NULL FROM dv_marked WHERE id = '" + gone + "'"))
                .containsExactly("Short-lived|t");
        assertThat(flows.rows("SELECT count(*) FROM dv_marked WHERE deleted_at IS NOT NULL")).containsExactly("1");
    }

    @Test
    void aFullReadComparesKeysAndDeletesWhatTheSourceNoLongerHasEvenAfterAStopInTheMiddle() {
        StringBuilder insert = new StringBuilder("INSERT INTO src_items VALUES ");
        for (int i = 1; i <= 40; i++) {
            insert.append(i > 1 ? "," : "").append("(").append(i).append(", 'item ").append(i).append("', ")
                    .append(i).append(".50)");
        }
        flows.pg(insert.toString());
        String yaml = """
                flow: items-sync
                source: { connection: pg, table: src_items, where: "price < 1000.0" }
                map: { id: id, name: name, price: price }
                target: { connection: pg, table: dst_items, write: upsert, key: [id], chunk-size: 4, on-delete: mark, mark-column: gone }
                """;
        RunSummary first = flows.run(yaml);
        assertThat(first.created()).isEqualTo(40);
        assertThat(first.deleted()).isZero();
        assertThat(first.detail()).isEqualTo("where: pushed down to the source: price < 1000.0");

        flows.pg("DELETE FROM src_items WHERE id IN (3, 4, 5, 6, 7, 8, 9, 10, 11, 12)", "UPDATE src_items SET price = 5000 "
                + "WHERE id = 20", "UPDATE src_items SET name = 'renamed' WHERE id = 21");
        // stop at the first chunk of deletions, as a cancel (or a kill) would: the next run finishes them
        try (CheckedFlow f = flows.check(yaml)) {
            FlowRun run = store.flows().startRun("items-sync", false, "test", "on demand");
            RunSummary stopped = new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS.withRun(run.id())
                    .withProgress(p -> {
                        if (p.counts().deleted() > 0) {
                            store.flows().requestCancel("items-sync", run.id(), "test");
                        }
                    }));
            assertThat(stopped.cancelled()).isTrue();
            assertThat(stopped.read()).isEqualTo(29);
            assertThat(stopped.deleted()).isBetween(1L, 10L);
        }
        assertThat(store.flows().checkpoint("items-sync")).hasValueSatisfying(s -> assertThat(s)
                .contains("\"mode\":\"compare\""));
        RunSummary rest = flows.run(yaml);
        assertThat(rest.resumed()).isTrue();
        assertThat(flows.rows("SELECT id FROM dst_items WHERE gone ORDER BY id").stream().map(Integer::parseInt).toList())
                .containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20);
        assertThat(flows.rows("SELECT name FROM dst_items WHERE id = 21")).containsExactly("renamed");

        flows.pg("INSERT INTO src_items VALUES (5, 'back again', 1.00)");
        RunSummary back = flows.run(yaml);
        assertThat(back.deleted()).isZero();
        assertThat(flows.rows("SELECT name, gone FROM dst_items WHERE id = 5")).containsExactly("back again|f");
        assertThat(flows.rows("SELECT count(*) FROM dst_items WHERE gone")).containsExactly("10");
    }

    @Test
    void rowsRemovedFromACsvFileAreDeletedFromTheTable() throws IOException {
        Files.writeString(dir.resolve("people.csv"), "id,name\n1,Ada\n2,Alan\n3,Grace\n4,Edsger\n");
        String yaml = """
                flow: people-sync
                source: { connection: files, table: people.csv }
                map: { id: id, name: name }
                target: { connection: pg, table: dst_people, write: upsert, key: [id], on-delete: delete }
                """;
        flows.run(yaml);
        Files.writeString(dir.resolve("people.csv"), "id,name\n1,Ada\n3,Grace Hopper\n");
        RunSummary s = flows.run(yaml);
        assertThat(s.deleted()).isEqualTo(2);
        assertThat(flows.rows("SELECT id || '|' || name FROM dst_people ORDER BY id")).containsExactly("1|Ada",
                "3|Grace Hopper");
    }

    @Test
    void whereOnADataverseSourceBecomesFilterAndOnlyMatchingRowsAreRead() {
        client.create("account", Map.of("name", "PUSH one", "accountnumber", "PUSH-1", "numberofemployees", 50));
        client.create("account", Map.of("name", "push two", "accountnumber", "PUSH-2", "numberofemployees", 500));
        client.create("account", Map.of("name", "PUSH three", "accountnumber", "PUSH-3", "numberofemployees", 5000));
        Files.exists(dir);
        String yaml = """
                flow: dv-push
                source:
                  connection: crm
                  table: account
                  select: [accountid, name, accountnumber, numberofemployees]
                  where: "numberofemployees >= 100 && name.startsWith('PUSH') && accountnumber != null"
                map: { id: accountid, name: name }
                target: { connection: files, table: pushed.csv, write: upsert, key: [id] }
                """;
        emulator.stats().reset();
        RunSummary s = flows.run(yaml);
        assertThat(s.read()).as("Dataverse's startswith ignores case, so 'push two' is read and dropped in memory")
                .isEqualTo(2);
        assertThat(s.created()).isEqualTo(1);
        assertThat(s.skipped()).isEqualTo(1);
        assertThat(s.detail()).isEqualTo("where: pushed down to the source: numberofemployees >= 100 && "
                + "name.startsWith(\"PUSH\") && accountnumber != null; checked in memory: name.startsWith(\"PUSH\") "
                + "(Dataverse compares text ignoring case, so text conditions are checked again)");
        List<String> reads = emulator.stats().recentRequests(100).stream().map(RecordedRequest::url)
                .filter(u -> u.contains("/accounts?")).map(u -> URLDecoder.decode(u, StandardCharsets.UTF_8))
                .collect(Collectors.toList());
        assertThat(reads).singleElement().asString().contains("$filter=(numberofemployees ge 100 and "
                + "startswith(name,'PUSH') and accountnumber ne null)");
        assertThat(Fixture.read(dir.resolve("pushed.csv"))).contains("PUSH three").doesNotContain("push two")
                .doesNotContain("PUSH one");
        assertThat(store.flows().runs("dv-push", 1).get(0).detail()).isEqualTo(s.detail());
        assertThat(client.query(Query.table("account").select("accountid")
                .where(Filter.startsWith("accountnumber", "PUSH-"))).stream().count()).isEqualTo(3);
    }

    @Test
    void aFlowIntoDataverseWritesChunksInParallelWithinTheServiceLimitsAndLosesNothing() throws IOException {
        StringBuilder csv = new StringBuilder("email,last\n");
        for (int i = 0; i < 240; i++) {
            csv.append("sync-").append(i).append("@example.test,Sync ").append(i).append('\n');
        }
        Files.writeString(dir.resolve("sync-contacts.csv"), csv.toString());
        String yaml = """
                flow: contacts-sync-in
                source: { connection: files, table: sync-contacts.csv }
                map: { emailaddress1: email, lastname: last }
                target: { connection: crm, table: contact, write: upsert, key: [emailaddress1], chunk-size: 10 }
                """;
        emulator.stats().reset();
        // every bulk request takes a while, so requests in flight together show up as overlapping in the log
        emulator.faults().add(dev.sluice.emulator.FaultSpec.delay(java.time.Duration.ofMillis(150)).times(1000)
                .method("POST").pathRegex(".*UpsertMultiple.*"));
        emulator.limits(new dev.sluice.emulator.ServiceLimits(12, java.time.Duration.ofSeconds(1),
                java.time.Duration.ofMinutes(20), 52, 4));
        RunSummary s;
        List<RecordedRequest> upserts;
        try {
            s = flows.run(yaml);
            upserts = emulator.stats().recentRequests(1000).stream()
                    .filter(r -> r.url().contains("UpsertMultiple") && r.status() / 100 == 2).toList();
        } finally {
            emulator.limits(dev.sluice.emulator.ServiceLimits.DATAVERSE_DEFAULTS);
            emulator.faults().clear();
        }
        assertThat(s.rejected()).isZero();
        assertThat(s.upserted()).isEqualTo(240);
        assertThat(upserts).hasSize(24);
        boolean overlapped = false;
        for (RecordedRequest a : upserts) {
            for (RecordedRequest b : upserts) {
                overlapped |= a != b && a.time().isBefore(b.time()) && a.time().plus(a.duration()).isAfter(b.time());
            }
        }
        assertThat(overlapped).as("chunks are written in parallel").isTrue();
        List<String> emails = client.query(Query.table("contact").select("emailaddress1")
                .where(Filter.startsWith("emailaddress1", "sync-"))).stream().map(r -> r.getString("emailaddress1"))
                .toList();
        assertThat(emails).hasSize(240).doesNotHaveDuplicates();
    }
}
