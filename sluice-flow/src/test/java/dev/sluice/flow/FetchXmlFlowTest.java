package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.dataverse.Query;
import dev.sluice.dataverse.RecordKey;
import dev.sluice.dataverse.Row;
import dev.sluice.emulator.Emulator;
import dev.sluice.store.SluiceStore;
import dev.sluice.testing.WithEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A FetchXML join as a flow source feeding a warehouse table, incremental by a watermark column. */
@WithEmulator(noAuth = true, seed = {"accounts=40", "contacts=300"})
class FetchXmlFlowTest {
    static Emulator emulator;
    static DataverseClient client;
    static String warehouse;
    static Path dir;
    static SluiceStore store;
    static ConnectionResolver resolver;

    static final String JOIN = """
            <fetch>
              <entity name='contact'>
                <attribute name='fullname'/>
                <attribute name='emailaddress1'/>
                <attribute name='modifiedon'/>
                <link-entity name='account' from='accountid' to='parentcustomerid' alias='a'>
                  <attribute name='name'/>
                  <attribute name='accountnumber'/>
                </link-entity>
              </entity>
            </fetch>
            """;

    @BeforeAll
    static void start() throws IOException {
        client = DataverseClient.builder().orgUrl(emulator.orgUrl()).pageSize(50)
                .credential(StaticTokenCredential.of("fetchxml-flow", "t")).build();
        warehouse = Fixture.h2();
        Fixture.sql(warehouse, "CREATE TABLE contact_accounts (contact_id UUID PRIMARY KEY, fullname VARCHAR(200), "
                + "email VARCHAR(200), account_name VARCHAR(200), account_number VARCHAR(20), "
                + "modified TIMESTAMP WITH TIME ZONE)");
        dir = Files.createTempDirectory("flow-fx");
        Fixture.write(dir.resolve("queries/contacts.xml"), JOIN);
        store = Fixture.store(dir.resolve("home"));
        resolver = ConnectionResolver.of(Map.of("crm", new DataverseRecordProvider(client),
                "warehouse", new JdbcRecordProvider(warehouse, "sa", null),
                "files", new FileRecordProvider(dir)));
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    private static CheckedFlow check(String yaml) {
        return new FlowValidator(resolver, Map.of()).check(FlowParser.parse(dir.resolve("flow.yaml").toString(), yaml));
    }

    static final String FLOW = """
            flow: contacts-with-accounts
            source:
              connection: crm
              fetchxml: queries/contacts.xml
              incremental: { watermark: modifiedon }
            map:
              contact_id: contactid
              fullname: fullname
              email: emailaddress1
              account_name: 'row["a.name"]'
              account_number: 'row["a.accountnumber"]'
              modified: modifiedon
            target: { connection: warehouse, table: contact_accounts, write: upsert, key: [contact_id] }
            """;

    @Test
    void aJoinFeedsTheWarehouseAndTheNextRunReadsOnlyWhatChanged() {
        try (CheckedFlow f = check(FLOW)) {
            assertThat(f.sourceSchema().primaryKey()).containsExactly("contactid");
            RunSummary first = new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            List<String> expected = joinedIndependently();
            assertThat(first.read()).isEqualTo(expected.size());
            assertThat(Fixture.rows(warehouse, "SELECT contact_id, fullname, email, account_name, account_number FROM "
                    + "contact_accounts ORDER BY contact_id")).isEqualTo(expected);

            List<UUID> changed = new ArrayList<>();
            for (Row r : client.query(Query.table("contact").select("contactid", "_parentcustomerid_value")
                    .whereRaw("_parentcustomerid_value ne null").top(2))) {
                changed.add(r.getUuid("contactid"));
            }
            for (UUID id : changed) {
                client.update("contact", RecordKey.of(id), Map.of("emailaddress1", "changed." + id + "@example.com"));
            }
            RunSummary second = new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            assertThat(second.read()).isEqualTo(2);
            assertThat(Fixture.rows(warehouse, "SELECT email FROM contact_accounts WHERE email LIKE 'changed.%' ORDER BY "
                    + "email")).hasSize(2);
            assertThat(new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS).read()).isZero();
        }
    }

    @Test
    void inlineFetchXmlAndAOneToManyJoinGetAKeyPerJoinedRow() {
        String yaml = """
                flow: accounts-and-their-contacts
                source:
                  connection: crm
                  fetchxml: |
                    <fetch><entity name='account'><attribute name='name'/>
                      <link-entity name='contact' from='parentcustomerid' to='accountid' alias='c'>
                        <attribute name='fullname'/></link-entity></entity></fetch>
                map: { name: name }
                target: { connection: files, table: pairs.csv, write: create }
                """;
        try (CheckedFlow f = check(yaml)) {
            assertThat(f.sourceSchema().primaryKey()).containsExactly("accountid", "c.contactid");
            RunSummary s = new FlowRunner(store.flows()).run(f, RunOptions.dry());
            assertThat(s.read()).isEqualTo(joinedIndependently().size());
        }
    }

    @Test
    void badFetchXmlSourcesAreReportedWhereTheyAre() {
        assertThatThrownBy(() -> check(FLOW.replace("fetchxml: queries/contacts.xml",
                "fetchxml: queries/missing.xml")))
                .isInstanceOf(FlowException.class).hasMessageContaining("flow.yaml:4:").hasMessageContaining("missing.xml");
        assertThatThrownBy(() -> check(FLOW.replace("fetchxml: queries/contacts.xml",
                "fetchxml: \"<fetch><entity name='contact'>\"")))
                .isInstanceOf(FlowException.class).hasMessageContaining("flow.yaml:4:").hasMessageContaining("XML");
        assertThatThrownBy(() -> check(FLOW.replace("watermark: modifiedon", "watermark: createdon")))
                .isInstanceOf(FlowException.class).hasMessageContaining("unknown column 'createdon'");
        assertThatThrownBy(() -> check(FLOW.replace("connection: crm", "connection: files")))
                .isInstanceOf(FlowException.class).hasMessageContaining("needs a Dataverse connection");
        assertThatThrownBy(() -> check(FLOW.replace("incremental: { watermark: modifiedon }",
                "incremental: change-tracking")))
                .isInstanceOf(FlowException.class).hasMessageContaining("cannot use change tracking");
        assertThatThrownBy(() -> check(FLOW.replace("  connection: crm\n", "  connection: crm\n  table: account\n")))
                .isInstanceOf(FlowException.class).hasMessageContaining("is not the entity 'contact'");
    }

    /** The inner join of contacts and their accounts, from plain OData reads, as warehouse rows. */
    private static List<String> joinedIndependently() {
        Map<UUID, Row> accounts = new HashMap<>();
        for (Row a : client.query(Query.table("account").select("accountid", "name", "accountnumber"))) {
            accounts.put(a.getUuid("accountid"), a);
        }
        List<String> out = new ArrayList<>();
        for (Row c : client.query(Query.table("contact").select("contactid", "fullname", "emailaddress1",
                "_parentcustomerid_value").orderBy("contactid"))) {
            Row a = accounts.get(c.getUuid("_parentcustomerid_value"));
            if (a != null) {
                out.add(c.getString("contactid") + "|" + c.getString("fullname") + "|" + c.getString("emailaddress1")
                        + "|" + a.getString("name") + "|" + a.getString("accountnumber"));
            }
        }
        out.sort(null);
        return out;
    }
}
