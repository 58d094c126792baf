package dev.sluice.businesscentral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.core.ColumnKind;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SearchRequest;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.core.Where;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import dev.sluice.emulator.Emulator;
import dev.sluice.testing.WithEmulator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@WithEmulator(seed = {"bc.customers=15", "bc.vendors=3", "bc.generalLedgerEntries=2"}, noAuth = true)
class BusinessCentralRecordProviderTest {
    static Emulator emulator;

    static BusinessCentralRecordProvider provider(String company) {
        BusinessCentralClient client = BusinessCentralClient.builder().apiHost(emulator.baseUrl())
                .tenant("demo.sluice.dev").environment("sandbox")
                .credential(StaticTokenCredential.of("provider-test", "token")).pageSize(4).build();
        return new BusinessCentralRecordProvider(client, company);
    }

    static Map<String, Object> rec(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void tablesAreTheStandardEntitySetsAndDescribeGivesTypesAndKeys() {
        BusinessCentralRecordProvider p = provider("CRONUS USA, Inc.");

        assertThat(p.tables()).contains("customers", "vendors", "items", "salesOrders", "salesOrderLines",
                "purchaseInvoices", "generalLedgerEntries", "contacts", "companies");
        TableSchema s = p.describe("customers");
        assertThat(s.primaryKey()).containsExactly("id");
        assertThat(s.isUniqueKey(List.of("number"))).isTrue();
        assertThat(s.column("balanceDue").orElseThrow().kind()).isEqualTo(ColumnKind.DECIMAL);
        assertThat(s.column("balanceDue").orElseThrow().writable()).isFalse();
        assertThat(s.column("lastModifiedDateTime").orElseThrow().kind()).isEqualTo(ColumnKind.DATETIME);
        assertThatThrownBy(() -> p.describe("customer"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessageContaining("did you mean 'customers'?");
    }

    @Test
    void searchTranslatesWhereAndReturnsJavaTypes() {
        List<Map<String, Object>> rows = provider("CRONUS USA, Inc.").search(new SearchRequest("customers",
                List.of("id", "number", "creditLimit", "lastModifiedDateTime"),
                Where.and(new Where.Compare("number", Where.Op.GE, "110000"), new Where.Compare("number", Where.Op.LE,
                        "150000"), new Where.Compare("displayName", Where.Op.NE, "O'Brien")), List.of("-number"), null))
                .toList();

        assertThat(rows).extracting(r -> r.get("number")).containsExactly("150000", "140000", "130000", "120000",
                "110000");
        assertThat(rows.get(0).get("id")).isInstanceOf(UUID.class);
        assertThat(rows.get(0).get("creditLimit")).isInstanceOf(BigDecimal.class);
        assertThat(rows.get(0).get("lastModifiedDateTime")).isInstanceOf(Instant.class);
    }

    @Test
    void upsertByNumberCreatesUpdatesAndLeavesUnchangedRowsAlone() {
        BusinessCentralRecordProvider p = provider("CRONUS Canada, Inc.");
        String existingName = (String) p.search(new SearchRequest("customers", List.of("displayName"),
                Where.eq("number", "20000"), List.of(), null)).findFirst().orElseThrow().get("displayName");

        List<WriteOutcome> out = p.write("customers", WriteMode.UPSERT, List.of("number"), List.of(
                rec("number", "20000", "displayName", existingName),
                rec("number", "30000", "displayName", "Renamed Ltd", "creditLimit", "2500.50", "balanceDue", "9"),
                rec("number", "K-1", "displayName", "Brand New", "taxLiable", "true"),
                rec("number", "40000", "nosuchcolumn", "x"),
                rec("number", "50000", "creditLimit", "lots")));

        assertThat(out).extracting(WriteOutcome::status).containsExactly(WriteOutcome.Status.UNCHANGED,
                WriteOutcome.Status.UPDATED, WriteOutcome.Status.CREATED, WriteOutcome.Status.FAILED,
                WriteOutcome.Status.FAILED);
        assertThat(out.get(3).message()).contains("unknown column 'nosuchcolumn'");
        assertThat(out.get(4).message()).contains("column 'creditLimit' of customers takes a decimal number");
        Map<String, Object> renamed = p.search(new SearchRequest("customers", List.of(), Where.eq("number", "30000"),
                List.of(), null)).findFirst().orElseThrow();
        assertThat(renamed.get("displayName")).isEqualTo("Renamed Ltd");
        assertThat((BigDecimal) renamed.get("creditLimit")).isEqualByComparingTo("2500.50");

        List<WriteOutcome> again = p.write("customers", WriteMode.UPSERT, List.of("number"), List.of(
                rec("number", "30000", "displayName", "Renamed Ltd", "creditLimit", "2500.5"),
                rec("number", "K-1", "displayName", "Brand New", "taxLiable", true)));
        assertThat(again).extracting(WriteOutcome::status).containsOnly(WriteOutcome.Status.UNCHANGED);
    }

    @Test
    void deleteByNumberReportsMissingRowsAsNotFound() {
        BusinessCentralRecordProvider p = provider("CRONUS USA, Inc.");
        p.write("customers", WriteMode.CREATE, List.of(), List.of(rec("number", "DEL-1", "displayName", "Gone soon")));

        List<WriteOutcome> out = p.write("customers", WriteMode.DELETE, List.of("number"),
                List.of(rec("number", "DEL-1"), rec("number", "NOPE")));

        assertThat(out.get(0).status()).isEqualTo(WriteOutcome.Status.DELETED);
        assertThat(out.get(1).errorKind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(p.search(new SearchRequest("customers", List.of(), Where.eq("number", "DEL-1"), List.of(), null)))
                .isEmpty();
    }

    @Test
    void everyCompanyModeAddsCompanyIdToRowsAndRoutesWritesByIt() {
        BusinessCentralRecordProvider p = provider(null);
        UUID canada = emulator.businessCentralCompanyId("sandbox", "CRONUS Canada, Inc.");

        assertThat(p.describe("vendors").columns().get(0).name()).isEqualTo("companyId");
        Map<UUID, Long> perCompany = p.search(SearchRequest.all("vendors"))
                .collect(Collectors.groupingBy(r -> (UUID) r.get("companyId"), Collectors.counting()));
        assertThat(perCompany.values()).containsExactly(3L, 3L);

        List<WriteOutcome> out = p.write("vendors", WriteMode.UPSERT, List.of("companyId", "number"), List.of(
                rec("companyId", canada, "number", "10000", "city", "Halifax"),
                rec("number", "10000", "city", "Nowhere")));

        assertThat(out.get(0).status()).isEqualTo(WriteOutcome.Status.UPDATED);
        assertThat(out.get(1).message()).contains("needs a companyId");
        assertThat(p.search(new SearchRequest("vendors", List.of("city"), Where.and(Where.eq("companyId", canada),
                Where.eq("number", "10000")), List.of(), null)).findFirst().orElseThrow().get("city"))
                .isEqualTo("Halifax");
    }

    @Test
    void generalLedgerEntriesCanBeReadButNotWritten() {
        BusinessCentralRecordProvider p = provider("CRONUS USA, Inc.");

        assertThat(p.search(SearchRequest.all("generalLedgerEntries")).count()).isEqualTo(2);
        assertThatThrownBy(() -> p.write("generalLedgerEntries", WriteMode.CREATE, List.of(), List.of(rec())))
                .hasMessageContaining("read-only in Business Central's API");
    }

    @Test
    void companiesTableListsTheCompaniesAndFiltersByName() {
        List<Map<String, Object>> rows = provider(null).search(new SearchRequest("companies", List.of(),
                Where.eq("name", "CRONUS Canada, Inc."), List.of(), null)).toList();

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("id")).isEqualTo(emulator.businessCentralCompanyId("sandbox", "CRONUS Canada, Inc."));
    }
}
