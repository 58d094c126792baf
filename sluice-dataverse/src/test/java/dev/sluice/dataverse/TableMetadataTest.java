package dev.sluice.dataverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.emulator.Emulator;
import dev.sluice.testing.WithEmulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithEmulator(noAuth = true)
class TableMetadataTest {
    static Emulator emulator;
    static DataverseClient client;

    @BeforeAll
    static void connect() {
        client = Clients.of(emulator, "metadata-test");
    }

    @Test
    void metadataDescribesColumnsWithTypesLengthsTargetsAndLabels() {
        TableMetadata account = client.metadata("account");
        assertThat(account.entitySetName()).isEqualTo("accounts");
        assertThat(account.primaryIdAttribute()).isEqualTo("accountid");
        assertThat(account.primaryNameAttribute()).isEqualTo("name");
        assertThat(account.changeTrackingEnabled()).isTrue();

        ColumnMetadata name = account.requireColumn("name");
        assertThat(name.type()).isEqualTo(AttributeType.STRING);
        assertThat(name.maxLength()).isEqualTo(160);
        assertThat(name.requiredLevel()).isEqualTo(RequiredLevel.APPLICATION_REQUIRED);
        assertThat(account.requireColumn("description").maxLength()).isEqualTo(2000);

        ColumnMetadata contact = account.requireColumn("primarycontactid");
        assertThat(contact.type()).isEqualTo(AttributeType.LOOKUP);
        assertThat(contact.targets()).containsExactly("contact");
        assertThat(contact.wireName()).isEqualTo("_primarycontactid_value");
        assertThat(contact.navigations()).containsEntry("contact", "primarycontactid");
        assertThat(account.column("_primarycontactid_value")).contains(contact);

        assertThat(account.requireColumn("industrycode").options()).containsEntry(1, "Accounting")
                .containsEntry(33, "Wholesale").hasSize(10);
        assertThat(account.requireColumn("statecode").options()).containsExactly(Map.entry(0, "Active"),
                Map.entry(1, "Inactive"));
        assertThat(account.requireColumn("statuscode").type()).isEqualTo(AttributeType.STATUS);
        assertThat(account.requireColumn("donotemail").options()).containsEntry(0, "Allow")
                .containsEntry(1, "Do Not Allow");
        assertThat(account.requireColumn("revenue").type()).isEqualTo(AttributeType.MONEY);
        assertThat(account.keys()).containsExactly(new AlternateKey("AccountNumberKey", List.of("accountnumber")));
    }

    @Test
    void polymorphicLookupsListEveryTargetAndItsNavigationProperty() {
        ColumnMetadata customer = client.metadata("contact").requireColumn("parentcustomerid");
        assertThat(customer.type()).isEqualTo(AttributeType.CUSTOMER);
        assertThat(customer.targets()).containsExactlyInAnyOrder("account", "contact");
        assertThat(customer.navigations()).containsEntry("account", "parentcustomerid_account")
                .containsEntry("contact", "parentcustomerid_contact");
    }

    @Test
    void metadataIsLoadedForOneTableOnceAndThenCached() {
        client.metadata("lead");
        emulator.stats().reset();
        TableMetadata byLogical = client.metadata("lead");
        TableMetadata bySet = client.metadata("leads");
        assertThat(bySet).isSameAs(byLogical);
        assertThat(emulator.stats().totalRequests()).isZero();
    }

    @Test
    void loadingOneTableNeverAsksForAllTablesColumns() {
        DataverseClient fresh = Clients.of(emulator, "metadata-fresh");
        emulator.stats().reset();
        fresh.metadata("opportunity");
        assertThat(Clients.requests(emulator, "EntityDefinitions")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.url()).contains("LogicalName=%27opportunity%27"));
    }

    @Test
    void tablesListsLogicalAndEntitySetNamesInOneRequest() {
        emulator.stats().reset();
        List<TableInfo> tables = client.tables();
        assertThat(emulator.stats().totalRequests()).isEqualTo(1);
        assertThat(tables).contains(new TableInfo("account", "accounts", "accountid", "name"),
                new TableInfo("opportunity", "opportunities", "opportunityid", "name"));
    }

    @Test
    void anUnknownTableIsNotFound() {
        assertThatThrownBy(() -> client.metadata("nosuchtable"))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("nosuchtable");
                });
    }
}
