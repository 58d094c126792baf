package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.HttpProxy;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A connection's own proxy on H2 and PostgreSQL: its password encrypted, bound to the proxy, audited without it. */
@ExtendWith(StoreExtension.class)
class ConnectionProxyStoreTest {
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aProxyWithAPasswordIsStoredReadBackAndRemoved(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        Connection before = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        assertThat(store.connectionProxies().get(before.id())).isEmpty();

        Connection after = store.connectionProxies().set(before.id(), ConnectionProxy.of("proxy.corp.example:3128",
                "svc-sluice"), Secret.of("pr0xy-pass"), "alice");
        assertThat(after.updatedAt()).isAfterOrEqualTo(before.updatedAt());
        assertThat(store.connections().get(before.id()).orElseThrow().updatedAt()).isEqualTo(after.updatedAt());
        ConnectionProxy p = store.connectionProxies().get(before.id()).orElseThrow();
        assertThat(p).isEqualTo(new ConnectionProxy("http://proxy.corp.example:3128", "svc-sluice"));
        HttpProxy http = p.toHttpProxy(store.connectionProxies().password(after, p).orElseThrow());
        assertThat(http.hasCredentials()).isTrue();
        assertThat(http.password().reveal()).isEqualTo("pr0xy-pass");
        assertThat(store.audit().list(AuditQuery.all().connection(before.id())).events()).extracting(AuditEvent::detail)
                .contains("set its proxy to http://proxy.corp.example:3128 as user 'svc-sluice' with a password")
                .noneMatch(d -> d.contains("pr0xy-pass"));

        assertThat(store.connectionProxies().remove(before.id(), "alice")).isTrue();
        assertThat(store.connectionProxies().get(before.id())).isEmpty();
        assertThat(store.secrets().list(before.id())).doesNotContain(ConnectionProxy.PASSWORD_SECRET);
        assertThat(store.connectionProxies().remove(before.id(), "alice")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aNewProxyAddressDropsThePasswordOfTheOldOne(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        store.connectionProxies().set(c.id(), ConnectionProxy.of("http://a.corp:3128", "u"), Secret.of("pw"), "alice");
        Connection moved = store.connectionProxies().set(c.id(), ConnectionProxy.of("http://b.corp:3128", "u"), null,
                "mallory");
        assertThat(store.connectionProxies().password(moved, store.connectionProxies().get(c.id()).orElseThrow()))
                .isEmpty();
        // a password put for another destination through the generic secret API is refused, never decrypted
        store.secrets().put(c.id(), ConnectionProxy.PASSWORD_SECRET, Secret.of("pw"), "mallory");
        assertThatThrownBy(() -> store.connectionProxies().password(moved, ConnectionProxy.of("http://b.corp:3128", "u")))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTH))
                .hasMessageContaining("was not entered for proxy http://b.corp:3128");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aConnectionDeletedTakesItsProxyAlong(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        store.connectionProxies().set(c.id(), ConnectionProxy.DIRECT, null, "alice");
        store.connections().delete(c.id(), "alice");
        assertThat(store.connectionProxies().get(c.id())).isEmpty();
        assertThatThrownBy(() -> store.connectionProxies().set(UUID.randomUUID(), ConnectionProxy.DIRECT, null, "alice"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    void badProxiesAreRefusedSayingWhy() {
        assertThatThrownBy(() -> ConnectionProxy.of("https://p:443", null)).hasMessageContaining("names a https://");
        assertThatThrownBy(() -> ConnectionProxy.of("http://u:secret@p:3128", null))
                .hasMessageContaining("give the user and password separately").hasMessageNotContaining("secret@");
        assertThatThrownBy(() -> ConnectionProxy.of("direct", "u")).hasMessage("a direct connection has no proxy user");
        assertThat(ConnectionProxy.of("NONE", null).isDirect()).isTrue();
        assertThat(ConnectionProxy.DIRECT.toHttpProxy(null)).isNull();
    }

    @Test
    void theEmulatorOverTlsIsAValidOrgUrl() {
        assertThat(OrgUrl.parse("https://127.0.0.1:8443/").toString()).isEqualTo("https://127.0.0.1:8443");
        assertThat(OrgUrl.parse("https://localhost:8443").isLoopback()).isTrue();
        assertThatThrownBy(() -> OrgUrl.parse("https://127.0.0.1")).isInstanceOf(SluiceException.class);
        assertThatThrownBy(() -> OrgUrl.parse("https://intranet.example:8443")).isInstanceOf(SluiceException.class);
    }
}
