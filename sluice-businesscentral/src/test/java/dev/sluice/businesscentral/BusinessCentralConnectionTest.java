package dev.sluice.businesscentral;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.auth.ConnectionCredentials;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.store.AuthMethod;
import dev.sluice.store.AuthSettings;
import dev.sluice.store.BusinessCentralSettings;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionSettings;
import dev.sluice.store.ConnectionType;
import dev.sluice.store.OrgUrl;
import dev.sluice.store.SecretStore;
import dev.sluice.store.SluiceStore;
import dev.sluice.store.TokenStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stored business-central connection signs in with client credentials for Business Central's audience. */
class BusinessCentralConnectionTest {
    @TempDir
    Path home;

    @Test
    void serviceConnectionGetsABusinessCentralTokenKeepsItEncryptedAndReadsCompanies() {
        try (Emulator emulator = Emulator.builder().start();
                SluiceStore store = SluiceStore.builder().home(home).build()) {
            EmulatorIdentity identity = emulator.identity().info();
            EmulatorIdentity.App app = identity.app("Sluice Service").orElseThrow();
            Connection c = store.connections().create(new ConnectionSettings("cronus", ConnectionType.BUSINESS_CENTRAL,
                    OrgUrl.parse(emulator.baseUrl()), null, null, identity.tenantDomain(),
                    AuthSettings.of(AuthMethod.CLIENT_SECRET, app.clientId().toString()), null,
                    new BusinessCentralSettings("sandbox", "CRONUS USA, Inc.")), "alice");
            store.secrets().put(c.id(), SecretStore.CLIENT_SECRET, app.secrets().get(0), "alice");
            ConnectionCredentials credentials = new ConnectionCredentials(store, Clock.systemUTC());

            assertThat(credentials.scopes(c)).containsExactly("https://api.businesscentral.dynamics.com/.default");
            BusinessCentralClient client = BusinessCentralClient.builder().connection(c, credentials.credential(c)).build();
            BusinessCentralRecordProvider provider = new BusinessCentralRecordProvider(client,
                    c.settings().businessCentral().company());

            assertThat(provider.companies()).extracting(Company::name).containsExactly("CRONUS USA, Inc.");
            assertThat(client.serviceRoot().toString()).isEqualTo(emulator.baseUrl() + "/v2.0/"
                    + identity.tenantDomain() + "/sandbox/api/v2.0/");
            TokenStatus status = store.tokens().status(c.id());
            assertThat(status.scopes()).containsExactly("https://api.businesscentral.dynamics.com/.default");
        }
    }

    @Test
    void delegatedConnectionsAskForUserImpersonationAndOfflineAccess() {
        try (SluiceStore store = SluiceStore.builder().home(home).build()) {
            Connection c = store.connections().create(new ConnectionSettings("bc-user", ConnectionType.BUSINESS_CENTRAL,
                    null, null, null, "contoso.onmicrosoft.com", AuthSettings.of(AuthMethod.AUTHORIZATION_CODE,
                    "11111111-2222-3333-4444-555555555555"), null, new BusinessCentralSettings(null, null)), "alice");

            assertThat(new ConnectionCredentials(store, Clock.systemUTC()).scopes(c)).isEqualTo(List.of(
                    "https://api.businesscentral.dynamics.com/user_impersonation", "offline_access", "openid",
                    "profile"));
        }
    }
}
