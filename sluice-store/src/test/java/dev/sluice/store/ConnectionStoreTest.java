package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(StoreExtension.class)
class ConnectionStoreTest {
    static ConnectionSettings contoso(String name) {
        return ConnectionSettings.of(name, OrgUrl.parse("https://contoso.crm4.dynamics.com"),
                AuthSettings.of(AuthMethod.AUTHORIZATION_CODE, "11111111-2222-3333-4444-555555555555"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void createdConnectionReadsBackByIdAndNameWithEveryField(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        ConnectionSettings settings = new ConnectionSettings("contoso-prod", ConnectionType.DATAVERSE,
                OrgUrl.parse("https://Contoso.api.crm4.dynamics.com/api/data/v9.2/"), "v9.1", Authority.GLOBAL,
                "contoso.onmicrosoft.com",
                new AuthSettings(AuthMethod.AUTHORIZATION_CODE, "app-1", List.of("https://contoso.crm4.dynamics.com/user_impersonation",
                        "offline_access"), CallbackMode.SERVER, URI.create("https://sluice.example.com/oauth/callback"),
                        URI.create("https://idp.example.com/authorize"), URI.create("https://idp.example.com/token"), null),
                new ConnectionOptions(Duration.ofSeconds(30), true, UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"), 250, 8));

        Connection created = store.connections().create(settings, "alice");

        assertThat(created.createdAt()).isEqualTo(Instant.parse(StoreExtension.START));
        assertThat(store.connections().get(created.id())).contains(created);
        assertThat(store.connections().get("contoso-prod")).contains(created);
        Connection read = store.connections().get(created.id()).orElseThrow();
        assertThat(read.settings().orgUrl().toString()).isEqualTo("https://contoso.api.crm4.dynamics.com");
        assertThat(read.settings().apiVersion()).isEqualTo("9.1");
        assertThat(read.settings().auth().scopes()).containsExactly(
                "https://contoso.crm4.dynamics.com/user_impersonation", "offline_access");
        assertThat(read.settings().options().impersonate()).isEqualTo(UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void secondConnectionWithTheSameNameIsAConflict(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        store.connections().create(contoso("contoso"), "alice");

        assertThatThrownBy(() -> store.connections().create(contoso("contoso"), "bob"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
                .hasMessage("a connection named 'contoso' already exists; choose another name, or update or delete the existing one");
        assertThat(store.connections().list()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void listIsSortedByName(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        store.connections().create(contoso("zeta"), "alice");
        store.connections().create(contoso("alpha"), "alice");

        assertThat(store.connections().list()).extracting(Connection::name).containsExactly("alpha", "zeta");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void updateChangesSettingsAndAuditsTheChangedFieldNames(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture fixture = fixtures.create(backend);
        SluiceStore store = fixture.open();
        Connection created = store.connections().create(contoso("contoso"), "alice");
        fixture.clock().advance(Duration.ofMinutes(5));

        Connection updated = store.connections().update(created.id(), created.settings().withName("contoso-eu")
                .withOptions(ConnectionOptions.DEFAULTS.withPageSize(100)), "bob");

        assertThat(updated.updatedAt()).isEqualTo(created.createdAt().plus(Duration.ofMinutes(5)));
        assertThat(store.connections().get(created.id()).orElseThrow()).isEqualTo(updated);
        assertThat(store.connections().get("contoso")).isEmpty();
        AuditEvent event = store.audit().list(AuditQuery.all().connection(created.id())).events().get(0);
        assertThat(event.action()).isEqualTo(AuditAction.CONNECTION_CHANGED);
        assertThat(event.actor()).isEqualTo("bob");
        assertThat(event.detail()).isEqualTo("changed name, options.pageSize");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void renamingOntoATakenNameIsAConflictAndChangesNothing(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        store.connections().create(contoso("one"), "alice");
        Connection two = store.connections().create(contoso("two"), "alice");

        assertThatThrownBy(() -> store.connections().update(two.id(), two.settings().withName("one"), "alice"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
                .hasMessageContaining("'one'");
        assertThat(store.connections().get(two.id()).orElseThrow().name()).isEqualTo("two");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void updatingOrDeletingAnUnknownConnectionIsNotFound(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        UUID unknown = UUID.fromString("00000000-0000-0000-0000-000000000001");

        assertThatThrownBy(() -> store.connections().update(unknown, contoso("x"), "alice"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessageContaining("no connection with id 00000000-0000-0000-0000-000000000001");
        assertThatThrownBy(() -> store.connections().delete(unknown, "alice"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deleteRemovesTheConnectionWithItsSecretsTokensAndPendingAuthorizations(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        Connection c = store.connections().create(contoso("contoso"), "alice");
        store.secrets().put(c.id(), SecretStore.CLIENT_SECRET, Secret.of("s3cr3t-value"), "alice");
        store.tokens().save(c.id(), new TokenSet(Secret.of("access-1"), Secret.of("refresh-1"),
                Instant.parse("2026-03-01T10:00:00Z"), Instant.parse(StoreExtension.START), List.of("openid"), "alice@contoso.com"), "alice");
        Secret state = Secret.of("state-0123456789abcdefghijklmnop");
        store.authSessions().begin(c.id(), "alice", state, Secret.of("v".repeat(43)), "nonce-1",
                URI.create("http://127.0.0.1:43117/callback"));

        store.connections().delete(c.id(), "alice");

        assertThat(store.connections().get(c.id())).isEmpty();
        assertThat(store.secrets().list(c.id())).isEmpty();
        assertThatThrownBy(() -> store.tokens().status(c.id()))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
        assertThatThrownBy(() -> store.authSessions().consume(state, "alice"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTH));
        assertThat(store.audit().list(AuditQuery.all().connection(c.id()).action(AuditAction.CONNECTION_DELETED)).events())
                .singleElement().satisfies(e -> {
                    assertThat(e.connectionName()).isEqualTo("contoso");
                    assertThat(e.actor()).isEqualTo("alice");
                });
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void newConnectionNeedsAuthorization(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        Connection c = store.connections().create(contoso("contoso"), "alice");

        TokenStatus status = store.tokens().status(c.id());
        assertThat(status.state()).isEqualTo(TokenState.NEEDS_AUTHORIZATION);
        assertThat(status.hasRefreshToken()).isFalse();
        assertThat(store.tokens().get(c.id())).isEmpty();
    }
}
