package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every save of a server flow is a numbered version; databases for flows keep their passwords only encrypted. */
@ExtendWith(StoreExtension.class)
class FlowVersionsAndDatabasesTest {
    @ParameterizedTest
    @EnumSource(Backend.class)
    void everySaveIsANewVersionWithWhoWhenAndHow(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(backend);
        FlowDefinitionStore flows = f.open().flowDefinitions();
        flows.put("people", "flow: people # 1\n", "alice");
        f.clock().advance(Duration.ofMinutes(5));
        FlowDefinitionStore.Saved second = flows.save("people", "flow: people # 2\n", "bob", FlowVersion.DESIGNER, 1);

        assertThat(second.version().version()).isEqualTo(2);
        assertThat(flows.get("people").orElseThrow().yaml()).isEqualTo("flow: people # 2\n");
        List<FlowVersion> all = flows.versions("people");
        assertThat(all).extracting(FlowVersion::version).containsExactly(2, 1);
        assertThat(all).extracting(FlowVersion::savedBy).containsExactly("bob", "alice");
        assertThat(all).extracting(FlowVersion::origin).containsExactly("designer", "upload");
        assertThat(all.get(0).savedAt()).isEqualTo(all.get(1).savedAt().plus(Duration.ofMinutes(5)));
        assertThat(flows.version("people", 1).orElseThrow().yaml()).isEqualTo("flow: people # 1\n");
        assertThat(flows.latestVersion("people")).isEqualTo(2);
        assertThat(flows.latestVersion("nobody")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSaveBasedOnAnOlderVersionOrOverAnExistingFlowIsRefusedAndChangesNothing(Backend backend,
            StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(backend);
        FlowDefinitionStore flows = f.open().flowDefinitions();
        flows.save("people", "v1", "alice", FlowVersion.DESIGNER, 0);
        flows.save("people", "v2", "alice", FlowVersion.DESIGNER, 1);

        assertThatThrownBy(() -> flows.save("people", "stale", "bob", FlowVersion.DESIGNER, 1))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
                .hasMessageContaining("was saved again since you opened version 1 (it is now at version 2)");
        assertThatThrownBy(() -> flows.save("people", "new", "bob", FlowVersion.DESIGNER, 0))
                .hasMessageContaining("a flow named 'people' already exists (version 2)");
        assertThat(flows.get("people").orElseThrow().yaml()).isEqualTo("v2");
        assertThat(flows.versions("people")).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aDatabasePasswordIsStoredOnlyEncryptedAndComesBackForItsDatabaseOnly(Backend backend,
            StoreExtension.Fixtures fixtures) throws Exception {
        StoreFixture f = fixtures.create(backend);
        SluiceStore store = f.open();
        DatabaseConnection d = store.databases().create("warehouse", "jdbc:postgresql://db.example:5432/dw", "sluice",
                Secret.of("pg-password-4711"), "admin");

        assertThat(store.databases().get("warehouse").orElseThrow().hasPassword()).isTrue();
        assertThat(store.databases().password(d).orElseThrow().reveal()).isEqualTo("pg-password-4711");
        try (var c = store.dataSource().getConnection(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT password FROM database_connections")) {
            rs.next();
            assertThat(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1)).doesNotContain("pg-password-4711");
        }
        assertThat(store.audit().list(AuditQuery.all()).events()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.DATABASE_CREATED);
            assertThat(e.detail()).contains("jdbc:postgresql://db.example:5432/dw").doesNotContain("pg-password");
        });
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void databasesAndConnectionsCannotShareAName(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(backend);
        SluiceStore store = f.open();
        store.connections().create(ConnectionSettings.of("crm", OrgUrl.parse("https://contoso.crm4.dynamics.com"),
                AuthSettings.of(AuthMethod.STATIC_TOKEN, null)), "admin");
        store.databases().create("warehouse", "jdbc:h2:mem:dw", null, null, "admin");

        assertThatThrownBy(() -> store.databases().create("crm", "jdbc:h2:mem:x", null, null, "admin"))
                .hasMessageContaining("the name 'crm' is taken by a connection");
        assertThatThrownBy(() -> store.databases().create("warehouse", "jdbc:h2:mem:x", null, null, "admin"))
                .hasMessageContaining("the name 'warehouse' is taken by a database");
        assertThatThrownBy(() -> store.connections().create(ConnectionSettings.of("warehouse",
                OrgUrl.parse("https://contoso.crm4.dynamics.com"), AuthSettings.of(AuthMethod.STATIC_TOKEN, null)), "admin"))
                .hasMessageContaining("taken by a registered database");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aUrlCarryingAPasswordIsRefused(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(backend);
        SluiceStore store = f.open();
        assertThatThrownBy(() -> store.databases().create("dw", "jdbc:postgresql://h/dw?password=x", null, null, "admin"))
                .hasMessageContaining("must not carry a password");
        assertThatThrownBy(() -> store.databases().create("dw", "jdbc:mysql://h/dw", null, null, "admin"))
                .hasMessageContaining("jdbc:postgresql://");
        assertThat(store.databases().list()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void databaseGrantsAreDeniedByDefaultAndGoWithTheDatabase(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(backend);
        SluiceStore store = f.open();
        store.users().create("ana", Role.MEMBER, "$2a$12$hash", false, "system");
        DatabaseConnection d = store.databases().create("dw", "jdbc:h2:mem:dw", null, null, "admin");
        assertThat(store.databases().level(d.id(), "ana")).isEmpty();

        store.databases().grant(d, "ana", GrantLevel.WRITE, "admin");
        assertThat(store.databases().level(d.id(), "ana")).contains(GrantLevel.WRITE);
        assertThat(store.databases().grants(d.id())).extracting(Grant::user).containsExactly("ana");

        assertThat(store.databases().delete("dw", "admin")).isTrue();
        assertThat(store.databases().level(d.id(), "ana")).isEmpty();
        assertThat(store.databases().get("dw")).isEmpty();
    }
}
