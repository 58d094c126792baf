package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.Query;
import dev.sluice.dataverse.RecordKey;
import dev.sluice.dataverse.Row;
import dev.sluice.emulator.Emulator;
import dev.sluice.store.FlowRun;
import dev.sluice.store.SluiceStore;
import dev.sluice.testing.WithEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** End to end against the emulator: Dataverse → PostgreSQL by change tracking, and CSV → Dataverse with lookups. */
@WithEmulator(noAuth = true, seed = {"accounts=250"})
class DataverseFlowTest {
    static Emulator emulator;
    static EndToEndFlows flows;
    static DataverseClient client;
    static Path dir;
    static SluiceStore store;

    @BeforeAll
    static void start() {
        flows = EndToEndFlows.start(emulator, "flow-test", 100, "warehouse",
                "CREATE TABLE crm_accounts (id UUID PRIMARY KEY, name VARCHAR(200), accountnumber VARCHAR(20), "
                        + "revenue_eur NUMERIC(19,4), modified TIMESTAMP WITH TIME ZONE)");
        client = flows.client;
        dir = flows.dir;
        store = flows.store;
    }

    @AfterAll
    static void stop() throws IOException {
        flows.close();
    }

    private static final String TO_WAREHOUSE = """
            flow: accounts-to-warehouse
            source:
              connection: crm
              table: account
              select: [accountid, name, accountnumber, revenue, modifiedon]
              incremental: change-tracking
            map:
              id: accountid
              name: name
              accountnumber: accountnumber
              revenue_eur: "revenue == null ? dyn(null) : revenue * 0.92"
              modified: modifiedon
            target: { connection: warehouse, table: crm_accounts, write: upsert, key: [id], chunk-size: 100 }
            """;

    @Test
    void dataverseToPostgresByChangeTrackingThenOnlyChangesThenAFullResyncAfterAnExpiredToken() {
        long accounts = client.query(Query.table("account").select("accountid")).stream().count();
        try (CheckedFlow f = flows.check(TO_WAREHOUSE)) {
            RunSummary first = new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            assertThat(first.read()).isEqualTo(accounts);
            assertThat(first.created()).isEqualTo(accounts);
            assertThat(flows.rows("SELECT count(*) FROM crm_accounts")).containsExactly(String.valueOf(accounts));

            Row one = client.query(Query.table("account").select("accountid", "name").top(1)).stream().findFirst().orElseThrow();
            UUID id = one.getUuid("accountid");
            client.update("account", RecordKey.of(id), Map.of("name", "Renamed by test", "revenue", 1000));
            RunSummary delta = new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            assertThat(delta.read()).isEqualTo(1);
            assertThat(delta.updated()).isEqualTo(1);
            assertThat(flows.rows("SELECT name || ' ' || revenue_eur FROM crm_accounts WHERE id = '" + id + "'"))
                    .containsExactly("Renamed by test 920.0000");

            FlowRun run = store.flows().startRun("accounts-to-warehouse", false);
            store.flows().saveChunk(run.id(), "accounts-to-warehouse",
                    "{\"mode\":\"change-tracking\",\"token\":\"1!01/01/2020 00:00:00\",\"applied\":0}",
                    dev.sluice.store.FlowCounts.ZERO, List.of());
            RunSummary resync = new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            assertThat(resync.warnings()).singleElement().asString().contains("had expired")
                    .contains("full resync");
            assertThat(resync.read()).isEqualTo(accounts);
            assertThat(resync.created()).isZero();
            assertThat(flows.rows("SELECT count(*) FROM crm_accounts")).containsExactly(String.valueOf(accounts));
        }
    }

    @Test
    void anExpiredTokenFailsTheRunWhenTheFlowSaysSo() {
        String yaml = TO_WAREHOUSE.replace("accounts-to-warehouse", "strict-tokens")
                .replace("  incremental: change-tracking\n", "  incremental: change-tracking\n  on-expired-token: fail\n");
        FlowRun run = store.flows().startRun("strict-tokens", false);
        store.flows().saveChunk(run.id(), "strict-tokens",
                "{\"mode\":\"change-tracking\",\"token\":\"1!01/01/2020 00:00:00\",\"applied\":0}",
                dev.sluice.store.FlowCounts.ZERO, List.of());
        try (CheckedFlow f = flows.check(yaml)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS))
                    .hasMessageContaining("change tracking token for table 'account' has expired");
        }
        assertThat(store.flows().runs("strict-tokens", 1).get(0).status()).isEqualTo("failed");
    }

    @Test
    void csvToDataverseUpsertBindsLookupsByAlternateKey() throws IOException {
        UUID northwind = client.create("account", Map.of("name", "Northwind", "accountnumber", "NW-001"));
        UUID contoso = client.create("account", Map.of("name", "Contoso", "accountnumber", "CT-002"));
        Files.writeString(dir.resolve("contacts.csv"), """
                email,first,last,company,gender
                ada@example.org,Ada,Lovelace,NW-001,Female
                alan@example.org,Alan,Turing,CT-002,Male
                grace@example.org,Grace,Hopper,NO-SUCH,Female
                """);
        String yaml = """
                flow: contacts-from-csv
                source: { connection: files, table: contacts.csv }
                map:
                  emailaddress1: email
                  firstname: first
                  lastname: last
                  gendercode: { choice: gender }
                  parentcustomerid: { lookup: account, key: { accountnumber: company } }
                target: { connection: crm, table: contact, write: upsert, key: [emailaddress1] }
                """;
        try (CheckedFlow f = flows.check(yaml)) {
            RunSummary s = new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            assertThat(s.read()).isEqualTo(3);
            // UpsertMultiple's answer does not say created or updated: counted as such, not guessed
            assertThat(s.upserted()).isEqualTo(2);
            assertThat(s.created() + s.updated()).isZero();
            assertThat(s.line()).contains("upserted 2 (created or updated)");
            assertThat(s.rejected()).isEqualTo(1);
            // run again: keyed upserts, no duplicates
            new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
        }
        Row ada = client.get("contact", RecordKey.alternate("emailaddress1", "ada@example.org"),
                "lastname", "gendercode", "_parentcustomerid_value").orElseThrow();
        assertThat(ada.getUuid("_parentcustomerid_value")).isEqualTo(northwind);
        assertThat(ada.getLong("gendercode")).isEqualTo(2L);
        Row alan = client.get("contact", RecordKey.alternate("emailaddress1", "alan@example.org"),
                "_parentcustomerid_value").orElseThrow();
        assertThat(alan.getUuid("_parentcustomerid_value")).isEqualTo(contoso);
        assertThat(client.query(Query.table("contact").select("contactid")
                .where(dev.sluice.dataverse.Filter.eq("emailaddress1", "ada@example.org"))).stream().count()).isEqualTo(1);
        assertThat(store.flows().deadLetters("contacts-from-csv")).first().satisfies(d -> {
            assertThat(d.source()).contains("grace@example.org");
            assertThat(d.errorKind()).isEqualTo("NOT_FOUND");
        });
        // the missing company added, the dead letter retried: its upsert is counted as such too
        client.create("account", Map.of("name", "Someone", "accountnumber", "NO-SUCH"));
        int letters = store.flows().deadLetters("contacts-from-csv").size(); // Grace's, one from each run
        try (CheckedFlow f = flows.check(yaml)) {
            RunSummary retried = new FlowRunner(store.flows()).retryDeadLetters(f);
            assertThat(retried.upserted()).isEqualTo(letters).isPositive();
            assertThat(retried.created() + retried.updated() + retried.rejected()).isZero();
            assertThat(store.flows().runs("contacts-from-csv", 1).get(0).counts().upserted()).isEqualTo(letters);
        }
        assertThat(store.flows().deadLetters("contacts-from-csv")).isEmpty();
    }

    @Test
    void aFlowCreatingDataverseRowsFindsThemWhenItRunsAgainInsteadOfDoublingThem() throws IOException {
        Files.writeString(dir.resolve("leads.csv"), """
                last,topic
                Once,flow creates
                Twice,flow creates
                Twice,flow creates
                """);
        String yaml = """
                flow: leads-from-csv
                source: { connection: files, table: leads.csv }
                map:
                  lastname: last
                  subject: topic
                target: { connection: crm, table: lead, write: create }
                """;
        try (CheckedFlow f = flows.check(yaml)) {
            RunSummary first = new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            assertThat(first.created()).isEqualTo(3);
            // a full source is read again from the start: each record gets the id its position gave it before
            RunSummary again = new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            assertThat(again.created()).isZero();
            assertThat(again.skipped()).isEqualTo(3);
        }
        assertThat(client.query(Query.table("lead").select("lastname")
                .where(dev.sluice.dataverse.Filter.eq("subject", "flow creates"))).stream().count()).isEqualTo(3);
    }

    @Test
    void theReadmeExampleWritesAccountsWithChoiceLabelsToCsv() throws IOException {
        String yaml = """
                flow: accounts-out
                source:
                  connection: crm
                  table: account
                  select: [accountid, name, accountnumber, revenue, industrycode]
                  incremental: change-tracking
                  on-expired-token: resync
                map:
                  id: accountid
                  name: name
                  number: accountnumber
                  revenue_eur: "revenue == null ? dyn(null) : revenue * 0.92"
                  industry: { label: industrycode }
                target: { connection: files, table: accounts.csv, write: upsert, key: [id] }
                """;
        try (CheckedFlow f = flows.check(yaml)) {
            RunSummary s = new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            assertThat(s.rejected()).isZero();
            assertThat(s.created()).isEqualTo(s.read());
            RunSummary again = new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            assertThat(again.read()).isZero();
        }
        List<String> lines = Files.readAllLines(dir.resolve("accounts.csv"));
        assertThat(lines.get(0)).isEqualTo("id,name,number,revenue_eur,industry");
        Row withIndustry = client.query(Query.table("account").select("accountid", "industrycode")
                .where(dev.sluice.dataverse.Filter.ne("industrycode", null)).top(1)).stream().findFirst().orElseThrow();
        String label = client.metadata("account").column("industrycode").orElseThrow().options()
                .get(withIndustry.getLong("industrycode").intValue());
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(withIndustry.getUuid("accountid") + ",").endsWith("," + label));
    }
}
