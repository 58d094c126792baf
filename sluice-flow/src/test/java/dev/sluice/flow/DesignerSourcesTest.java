package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.TableSchema;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.emulator.Emulator;
import dev.sluice.testing.WithEmulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The designer's view of a Dataverse source and a PostgreSQL target: the $filter it shows, a new table, a preview. */
@WithEmulator(noAuth = true, seed = {"accounts=30"})
class DesignerSourcesTest {
    static Emulator emulator;
    static EmbeddedPostgres postgres;
    static DataverseRecordProvider crm;
    static JdbcRecordProvider warehouse;

    @BeforeAll
    static void start() throws IOException {
        DataverseClient client = DataverseClient.builder().orgUrl(emulator.orgUrl())
                .credential(StaticTokenCredential.of("designer-test", "t")).build();
        crm = new DataverseRecordProvider(client);
        postgres = EmbeddedPostgres.start();
        warehouse = new JdbcRecordProvider(postgres.getJdbcUrl("postgres", "postgres"), null, null);
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void aDataverseFilterIsShownAsTheFilterQueryOptionItSends() {
        TableSchema account = crm.describe("account");
        SourceFilter.Text t = SourceFilter.describe(crm, account, "revenue > 1000.0 && name.startsWith(\"A\")",
                new Incremental.Full());
        assertThat(t.pushed()).isEqualTo("$filter=(revenue gt 1000.0 and startswith(name,'A'))");
        // Dataverse compares text ignoring case, so the text part is checked again
        assertThat(t.inMemory()).isEqualTo("name.startsWith(\"A\")");

        SourceFilter.Text tracked = SourceFilter.describe(crm, account, "revenue > 1000.0",
                new Incremental.ChangeTracking(false));
        assertThat(tracked.pushed()).isNull();
        assertThat(tracked.why()).isEqualTo("change tracking reads cannot be filtered by Dataverse");
    }

    @Test
    void aPostgresTableProposedFromADataverseTableIsCreatedAndAFlowIntoItPreviewsWithChoiceLabels() {
        TableSchema account = crm.describe("account");
        List<ColumnSchema> columns = List.of(
                new ColumnSchema("accountid", ColumnKind.GUID, true, true, Map.of(), List.of()),
                new ColumnSchema("name", ColumnKind.STRING, false, true, Map.of(), List.of()),
                new ColumnSchema("industry", ColumnKind.STRING, false, true, Map.of(), List.of()),
                new ColumnSchema("revenue", ColumnKind.DECIMAL, false, true, Map.of(), List.of()));
        warehouse.createTable("designer_accounts", columns, List.of("accountid"));
        assertThat(warehouse.describe("designer_accounts").columns()).extracting(ColumnSchema::kind)
                .containsExactly(ColumnKind.GUID, ColumnKind.STRING, ColumnKind.STRING, ColumnKind.DECIMAL);
        assertThat(account.column("industrycode").orElseThrow().choices()).isNotEmpty();

        ConnectionResolver resolver = ConnectionResolver.of(Map.of("crm", crm, "dw", warehouse));
        try (CheckedFlow f = new FlowValidator(resolver, Map.of()).check(FlowParser.parse("d.yaml", """
                flow: designed
                source: { connection: crm, table: account, select: [accountid, name, industrycode, revenue] }
                map: { accountid: accountid, name: name, industry: { label: industrycode }, revenue: revenue }
                target: { connection: dw, table: designer_accounts, write: upsert, key: [accountid] }
                """))) {
            FlowPreview.Result p = FlowPreview.of(f, 10);
            assertThat(p.rows()).hasSize(10).allSatisfy(r -> assertThat(r.outcome()).isEqualTo("write"));
            assertThat(p.rows()).anySatisfy(r -> {
                Object code = r.source().get("industrycode");
                assertThat(code).isNotNull();
                assertThat(r.target().get("industry")).isEqualTo(account.column("industrycode").orElseThrow()
                        .choices().get(((Number) code).intValue()));
            });
        }
    }
}
