package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(StoreExtension.class)
class SecretStoreTest {
    /** Where the secrets of ConnectionStoreTest.contoso go: its authority and the default tenant. */
    static final String AT = "https://login.microsoftonline.com/organizations";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void storedSecretReadsBackAndCanBeReplacedAndDeleted(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");

        store.secrets().put(c.id(), SecretStore.CLIENT_SECRET, Secret.of("first-value"), "alice");
        assertThat(store.secrets().get(c.id(), SecretStore.CLIENT_SECRET).map(Secret::reveal)).contains("first-value");

        store.secrets().put(c.id(), SecretStore.CLIENT_SECRET, Secret.of("second-value"), "bob");
        store.secrets().put(c.id(), SecretStore.CERTIFICATE_PRIVATE_KEY, Secret.of("-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"), "bob");
        assertThat(store.secrets().get(c.id(), SecretStore.CLIENT_SECRET).map(Secret::reveal)).contains("second-value");
        assertThat(store.secrets().list(c.id())).containsExactly("certificate-private-key", "client-secret");

        assertThat(store.secrets().delete(c.id(), SecretStore.CLIENT_SECRET, "bob")).isTrue();
        assertThat(store.secrets().delete(c.id(), SecretStore.CLIENT_SECRET, "bob")).isFalse();
        assertThat(store.secrets().get(c.id(), SecretStore.CLIENT_SECRET)).isEmpty();
        assertThat(store.audit().list(AuditQuery.all().connection(c.id()).action(AuditAction.CONNECTION_CHANGED)).events())
                .extracting(AuditEvent::detail)
                .containsExactly("deleted secret 'client-secret'", "stored secret 'certificate-private-key' for " + AT,
                        "replaced secret 'client-secret' for " + AT, "stored secret 'client-secret' for " + AT);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void secretOfAnUnknownConnectionIsNotFound(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();

        assertThatThrownBy(() -> store.secrets().put(UUID.randomUUID(), "client-secret", Secret.of("x"), "alice"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void badSecretNameSaysWhatIsAllowed(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");

        assertThatThrownBy(() -> store.secrets().put(c.id(), "Client Secret", Secret.of("x"), "alice"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessageContaining("use 1-63 lower-case letters, digits, '.', '_' or '-' (e.g. client-secret)");
    }
}
