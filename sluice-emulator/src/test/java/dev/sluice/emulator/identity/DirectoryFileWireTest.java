package dev.sluice.emulator.identity;

import static dev.sluice.emulator.identity.IdWire.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.emulator.Emulator;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryFileWireTest {
    static final String YAML = """
            tenants:
              - id: 11111111-1111-4111-8111-111111111111
                domain: contoso.test
                apps:
                  - clientId: 22222222-2222-4222-8222-222222222222
                    name: Contoso Sync
                    type: confidential
                    secrets:
                      - value: old-secret
                        expires: 2020-01-01T00:00:00Z
                      - current-secret
                    appRoles: [ Sync ]
                users:
                  - upn: erin@contoso.test
                    givenName: Erin
                    password: erin-password
                    objectId: 33333333-3333-4333-8333-333333333333
            """;

    @Test
    void customDirectoryAppsAndUsersGetSystemUsersAndTokens(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("directory.yaml"), YAML);
        try (IdWire wire = IdWire.start(b -> b.directoryFile(file))) {
            HttpResponse<String> r = wire.postForm(wire.base() + "/contoso.test/oauth2/v2.0/token", IdWire.form(
                    "grant_type", "client_credentials", "client_id", "22222222-2222-4222-8222-222222222222",
                    "client_secret", "current-secret", "scope", wire.org() + "/.default"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            HttpResponse<String> who = wire.whoAmI(json(r).get("access_token").asText());
            assertThat(who.statusCode()).isEqualTo(200);
            // without applicationUserId in the file, the application user's id is derived from the client id
            assertThat(json(who).get("UserId").asText()).isEqualTo(UUID.nameUUIDFromBytes(
                    "sluice-application-user:22222222-2222-4222-8222-222222222222".getBytes(StandardCharsets.UTF_8))
                    .toString());
        }
    }

    @Test
    void expiredSecretIs7000222(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("directory.yaml"), YAML);
        try (IdWire wire = IdWire.start(b -> b.directoryFile(file))) {
            AadAssert.assertAadError(wire.postForm(wire.base() + "/11111111-1111-4111-8111-111111111111/oauth2/v2.0/token",
                    IdWire.form("grant_type", "client_credentials", "client_id",
                            "22222222-2222-4222-8222-222222222222", "client_secret", "old-secret", "scope",
                            wire.org() + "/.default")), 401, "invalid_client", 7000222);
        }
    }

    @Test
    void directoryErrorNamesTheFileAndThePath(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), YAML.replace("clientId: 2222", "clientid: 2222"));
        assertThatThrownBy(() -> Emulator.builder().directoryFile(file).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.yaml")
                .hasMessageContaining("tenants[0].apps[0]")
                .hasMessageContaining("unknown field 'clientid'");
    }

    @Test
    void publicClientWithASecretIsRejectedAtStart(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), YAML.replace("type: confidential", "type: public"));
        assertThatThrownBy(() -> Emulator.builder().directoryFile(file).start())
                .hasMessageContaining("tenants[0].apps[0]")
                .hasMessageContaining("public client and cannot have secrets");
    }

    @Test
    void invalidYamlIsAnErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("broken.yaml"), "tenants: [ {id: 1, ");
        assertThatThrownBy(() -> Emulator.builder().directoryFile(file).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken.yaml")
                .hasMessageContaining("not valid YAML");
    }
}
