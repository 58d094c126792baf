package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(StoreExtension.class)
class BusinessCentralConnectionTest {
    private static final AuthSettings SERVICE = AuthSettings.of(AuthMethod.CLIENT_SECRET, "app-1");

    static ConnectionSettings cronus(String name, String company) {
        return new ConnectionSettings(name, ConnectionType.BUSINESS_CENTRAL, null, null, null,
                "contoso.onmicrosoft.com", SERVICE, null, new BusinessCentralSettings("sandbox", company));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void businessCentralConnectionReadsBackWithEnvironmentCompanyAndDefaults(Backend backend,
            StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();

        Connection created = store.connections().create(cronus("cronus", "CRONUS USA, Inc."), "alice");

        Connection read = store.connections().get("cronus").orElseThrow();
        assertThat(read).isEqualTo(created);
        assertThat(read.settings().type()).isEqualTo(ConnectionType.BUSINESS_CENTRAL);
        assertThat(read.settings().orgUrl().toString()).isEqualTo("https://api.businesscentral.dynamics.com");
        assertThat(read.settings().apiVersion()).isEqualTo("2.0");
        assertThat(read.settings().authority()).isEqualTo(Authority.GLOBAL);
        assertThat(read.settings().businessCentral()).isEqualTo(new BusinessCentralSettings("sandbox", "CRONUS USA, Inc."));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void allCompaniesIsStoredAsNoCompanyAndDataverseConnectionsHaveNone(Backend backend,
            StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        store.connections().create(cronus("every", "all"), "alice");
        store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");

        assertThat(store.connections().get("every").orElseThrow().settings().businessCentral().allCompaniesSelected())
                .isTrue();
        assertThat(store.connections().get("contoso").orElseThrow().settings().businessCentral()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void changingTheCompanyIsAuditedByFieldName(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        Connection c = store.connections().create(cronus("cronus", "CRONUS USA, Inc."), "alice");

        store.connections().update(c.id(), c.settings().withBusinessCentral(
                new BusinessCentralSettings("sandbox", "CRONUS Canada, Inc.")), "alice");

        assertThat(store.connections().get("cronus").orElseThrow().settings().businessCentral().company())
                .isEqualTo("CRONUS Canada, Inc.");
        assertThat(store.audit().list(AuditQuery.all()).events()).anySatisfy(e ->
                assertThat(e.detail()).isEqualTo("changed businessCentral.company"));
    }

    @Test
    void companyGivenAsAGuidIsAnId() {
        UUID id = UUID.fromString("5e1f6a12-0c3d-4b2a-9f1e-7d8c6b5a4e3f");
        assertThat(new BusinessCentralSettings(null, id.toString()).companyId()).contains(id);
        assertThat(new BusinessCentralSettings(null, "CRONUS").companyId()).isEmpty();
        assertThat(new BusinessCentralSettings(null, "CRONUS").environment()).isEqualTo("production");
    }

    @Test
    void businessCentralConnectionWithoutTenantSaysWhyItNeedsOne() {
        assertThatThrownBy(() -> new ConnectionSettings("cronus", ConnectionType.BUSINESS_CENTRAL, null, null, null,
                "organizations", SERVICE, null, new BusinessCentralSettings("production", null)))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessageContaining("needs its tenant");
    }

    @Test
    void dataverseHostOnABusinessCentralConnectionIsRefusedAndTheOtherWayRound() {
        assertThatThrownBy(() -> new ConnectionSettings("cronus", ConnectionType.BUSINESS_CENTRAL,
                OrgUrl.parse("https://contoso.crm.dynamics.com"), null, null, "contoso.onmicrosoft.com", SERVICE, null,
                new BusinessCentralSettings("production", null)))
                .hasMessageContaining("a business-central connection reaches https://api.businesscentral.dynamics.com");
        assertThatThrownBy(() -> ConnectionSettings.of("contoso", OrgUrl.parse("https://api.businesscentral.dynamics.com"),
                SERVICE)).hasMessageContaining("add it as a connection of kind business-central");
    }

    @Test
    void environmentNameWithSpacesIsRefusedWithTheRule() {
        assertThatThrownBy(() -> new BusinessCentralSettings("my sandbox", null))
                .hasMessage("environment 'my sandbox' is not a Business Central environment name: use 1-30 letters, "
                        + "digits, '-' or '_' (e.g. production, sandbox, us-test)");
    }
}
