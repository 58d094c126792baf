package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.businesscentral.BusinessCentralClient;
import dev.sluice.businesscentral.BusinessCentralRecordProvider;
import dev.sluice.core.SearchRequest;
import dev.sluice.core.Where;
import dev.sluice.core.WriteMode;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.DataverseRecordProvider;
import dev.sluice.emulator.Emulator;
import dev.sluice.store.SluiceStore;
import dev.sluice.testing.WithEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The documented example in {@code examples/business-central-sync}: Business Central customers and Dataverse
 * accounts kept in step by account number in both directions, both services emulated in one emulator.
 */
@WithEmulator(noAuth = true, seed = {"accounts=12", "bc.customers=8"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BusinessCentralSyncTest {
    static final Path EXAMPLES = Path.of("examples", "business-central-sync");
    static Emulator emulator;
    static SluiceStore store;
    static DataverseRecordProvider crm;
    static BusinessCentralRecordProvider cronus;
    static ConnectionResolver resolver;

    @BeforeAll
    static void start() throws IOException {
        crm = new DataverseRecordProvider(DataverseClient.builder().orgUrl(emulator.orgUrl())
                .credential(StaticTokenCredential.of("sync-crm", "t")).build());
        cronus = new BusinessCentralRecordProvider(BusinessCentralClient.builder().apiHost(emulator.baseUrl())
                .tenant(emulator.identity().info().tenantId().toString()).environment("production")
                .credential(StaticTokenCredential.of("sync-bc", "t")).build(), "CRONUS USA, Inc.");
        store = Fixture.store(Files.createTempDirectory("bc-sync").resolve("home"));
        resolver = ConnectionResolver.of(Map.of("crm", crm, "cronus", cronus));
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    /** An example file exactly as it is shipped. */
    static CheckedFlow example(String file) throws IOException {
        return new FlowValidator(resolver, Map.of()).check(FlowParser.parse(file,
                Files.readString(EXAMPLES.resolve(file))));
    }

    static RunSummary run(String file) throws IOException {
        try (CheckedFlow f = example(file)) {
            return new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
        }
    }

    static Set<String> customerNumbers() {
        return cronus.search(new SearchRequest("customers", List.of("number"), null, List.of(), null))
                .map(r -> (String) r.get("number")).collect(Collectors.toSet());
    }

    static Set<String> accountNumbers() {
        return crm.search(new SearchRequest("account", List.of("accountnumber"), null, List.of(), null))
                .map(r -> (String) r.get("accountnumber")).filter(n -> n != null).collect(Collectors.toSet());
    }

    static Map<String, Object> account(String number) {
        return crm.search(new SearchRequest("account", List.of(), Where.eq("accountnumber", number), List.of(), null))
                .findFirst().orElseThrow();
    }

    static Map<String, Object> customer(String number) {
        return cronus.search(new SearchRequest("customers", List.of(), Where.eq("number", number), List.of(), null))
                .findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void bothDirectionsBringEveryNumberToBothSides() throws IOException {
        RunSummary toAccounts = run("customers-to-accounts.flow.yaml");
        assertThat(toAccounts.read()).isEqualTo(8);
        assertThat(accountNumbers()).containsAll(customerNumbers());
        assertThat(account("10000").get("name")).isEqualTo(customer("10000").get("displayName"));

        RunSummary toCustomers = run("accounts-to-customers.flow.yaml");
        assertThat(toCustomers.read()).isEqualTo(20);
        assertThat(customerNumbers()).isEqualTo(accountNumbers()).hasSize(20).contains("ACC-0000001");
        assertThat(customer("ACC-0000003").get("displayName")).isEqualTo(account("ACC-0000003").get("name"));
    }

    @Test
    @Order(2)
    void aChangeOnEitherSideReachesTheOtherAndRunningAgainChangesNothing() throws IOException {
        cronus.write("customers", WriteMode.UPDATE, List.of("number"), List.of(Map.of("number", "20000",
                "city", "Reykjavik")));
        crm.write("account", WriteMode.UPDATE, List.of("accountnumber"), List.of(Map.of("accountnumber",
                "ACC-0000005", "telephone1", "+354 555 0100")));

        // the documented order: Dataverse's changes first, then Business Central's full read
        RunSummary back = run("accounts-to-customers.flow.yaml");
        run("customers-to-accounts.flow.yaml");

        assertThat(account("20000").get("address1_city")).isEqualTo("Reykjavik");
        assertThat(customer("ACC-0000005").get("phoneNumber")).isEqualTo("+354 555 0100");
        assertThat(back.read()).isEqualTo(1);
        assertThat(back.updated()).isEqualTo(1);
        Object modified = customer("10000").get("lastModifiedDateTime");
        run("accounts-to-customers.flow.yaml");
        run("customers-to-accounts.flow.yaml");
        assertThat(customer("10000").get("lastModifiedDateTime")).as("an echo rewrote an unchanged customer")
                .isEqualTo(modified);
        assertThat(customerNumbers()).isEqualTo(accountNumbers());
    }

    @Test
    @Order(3)
    void deletesFollowEachFlowsOnDeleteRule() throws IOException {
        cronus.write("customers", WriteMode.DELETE, List.of("number"), List.of(Map.of("number", "30000")));
        crm.write("account", WriteMode.DELETE, List.of("accountnumber"), List.of(Map.of("accountnumber",
                "ACC-0000007")));

        RunSummary toCustomers = run("accounts-to-customers.flow.yaml");
        RunSummary toAccounts = run("customers-to-accounts.flow.yaml");

        assertThat(toCustomers.deleted()).as("the customer of the account deleted in Dataverse").isEqualTo(1);
        assertThat(toAccounts.deleted()).as("the account of the customer deleted in Business Central").isEqualTo(1);
        assertThat(accountNumbers()).doesNotContain("30000", "ACC-0000007");
        assertThat(customerNumbers()).doesNotContain("30000", "ACC-0000007").isEqualTo(accountNumbers()).hasSize(18);

        // the account deleted by the second flow reaches change tracking: its customer is already gone
        RunSummary settle = run("accounts-to-customers.flow.yaml");
        assertThat(settle.deleted()).isZero();
        assertThat(customerNumbers()).isEqualTo(accountNumbers()).hasSize(18);
    }
}
