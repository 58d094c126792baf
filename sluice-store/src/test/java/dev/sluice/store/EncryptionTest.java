package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(StoreExtension.class)
class EncryptionTest {
    @Test
    void keysetFileIsCreatedOnFirstRunOwnerOnly(StoreExtension.Fixtures fixtures) throws Exception {
        StoreFixture fixture = fixtures.create(Backend.H2);
        fixture.open();

        Path keyset = fixture.home().resolve("keyset.json");
        assertThat(keyset).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset))).isEqualTo("rw-------");
        assertThat(fixture.home().resolve("sluice.mv.db")).exists();
    }

    @Test
    void keysetFromTheEnvironmentIsUsedAndNoFileIsWritten(@TempDir Path home) {
        SluiceStore.builder().home(home.resolve("first")).environment(Map.of()).build().close();
        String keysetJson = readString(home.resolve("first/keyset.json"));
        Path second = home.resolve("second");
        try (SluiceStore store = SluiceStore.builder().home(second)
                .environment(Map.of("SLUICE_KEYSET", keysetJson)).build()) {
            assertThat(second.resolve("keyset.json")).doesNotExist();
            assertThatThrownBy(() -> store.keyset().rotate())
                    .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                    .hasMessageContaining("the SLUICE_KEYSET environment variable and cannot be rewritten by Sluice");
        }
    }

    @Test
    void malformedKeysetIsRefusedWithoutEchoingIt(@TempDir Path home) {
        assertThatThrownBy(() -> SluiceStore.builder().home(home).environment(Map.of("SLUICE_KEYSET", "{\"not-a-keyset\": \"AAAA-key-material\"}")).build())
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessageStartingWith("the SLUICE_KEYSET environment variable does not hold a Tink keyset in JSON")
                .hasMessageNotContaining("AAAA-key-material")
                .hasNoCause();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void rowsWrittenBeforeRotationStillDecryptAndAfterReencryptionTheOldKeyCanBeDeleted(
            Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture fixture = fixtures.create(backend);
        SluiceStore store = fixture.open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        store.secrets().put(c.id(), SecretStore.CLIENT_SECRET, Secret.of("secret-before-rotation"), "alice");
        store.tokens().save(c.id(), tokens("access-before", "refresh-before"), "alice");
        store.authSessions().begin(c.id(), "alice", Secret.of("state-before-rotation-0123456789"),
                Secret.of("v".repeat(50)), "nonce", URI.create("http://127.0.0.1:5000/cb"));
        long oldKey = store.keyset().list().get(0).id();

        KeyInfo newKey = store.keyset().rotate();

        assertThat(store.keyset().list()).extracting(KeyInfo::id, KeyInfo::primary, KeyInfo::rows)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(oldKey, false, 3),
                        org.assertj.core.groups.Tuple.tuple(newKey.id(), true, 0));
        assertThat(store.secrets().get(c.id(), SecretStore.CLIENT_SECRET).map(Secret::reveal)).contains("secret-before-rotation");
        assertThat(store.tokens().get(c.id()).orElseThrow().accessToken().reveal()).isEqualTo("access-before");
        assertThatThrownBy(() -> store.keyset().delete(oldKey))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
                .hasMessage("cannot delete key " + oldKey + ": 3 stored rows are still encrypted with it; run re-encrypt first");

        assertThat(store.keyset().reencrypt()).isEqualTo(3);
        store.keyset().delete(oldKey);

        assertThat(store.keyset().list()).extracting(KeyInfo::id).containsExactly(newKey.id());
        assertThat(store.keyset().list().get(0).rows()).isEqualTo(3);
        assertThat(store.keyset().reencrypt()).isZero();
        store.close();
        SluiceStore reopened = fixture.open();
        assertThat(reopened.secrets().get(c.id(), SecretStore.CLIENT_SECRET).map(Secret::reveal)).contains("secret-before-rotation");
        TokenSet tokens = reopened.tokens().get(c.id()).orElseThrow();
        assertThat(tokens.accessToken().reveal()).isEqualTo("access-before");
        assertThat(tokens.refreshToken().reveal()).isEqualTo("refresh-before");
        assertThat(reopened.authSessions().consume(Secret.of("state-before-rotation-0123456789"), "alice").pkceVerifier().reveal())
                .isEqualTo("v".repeat(50));
    }

    @Test
    void primaryKeyCannotBeDeletedOrDisabled(StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(Backend.H2).open();
        long primary = store.keyset().list().get(0).id();

        assertThatThrownBy(() -> store.keyset().delete(primary))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
                .hasMessage("key " + primary + " is the primary key; rotate to a new primary first");
        assertThatThrownBy(() -> store.keyset().disable(primary)).hasMessageContaining("is the primary key");
    }

    @Test
    void valueUnderADeletedKeySaysWhichKeyIsMissing(StoreExtension.Fixtures fixtures) {
        StoreFixture fixture = fixtures.create(Backend.H2);
        SluiceStore store = fixture.open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        long oldKey = store.keyset().list().get(0).id();
        store.keyset().rotate();
        store.keyset().reencrypt();
        store.keyset().delete(oldKey);
        // a row restored from a backup taken before the rotation
        StoreFixture otherFixture = fixtures.create(Backend.H2);
        SluiceStore other = otherFixture.open();
        Connection o = other.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        other.secrets().put(o.id(), SecretStore.CLIENT_SECRET, Secret.of("x"), "alice");
        byte[] foreignCiphertext = rawSecret(otherFixture, o.id());
        store.secrets().put(c.id(), SecretStore.CLIENT_SECRET, Secret.of("y"), "alice");
        overwriteSecret(fixture, c.id(), foreignCiphertext);

        assertThatThrownBy(() -> store.secrets().get(c.id(), SecretStore.CLIENT_SECRET))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL))
                .hasMessageContaining("cannot decrypt the secret/client-secret of connection " + c.id())
                .hasMessageContaining("which is not in the keyset file");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void tamperedCiphertextIsRefused(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture fixture = fixtures.create(backend);
        SluiceStore store = fixture.open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        store.secrets().put(c.id(), SecretStore.CLIENT_SECRET, Secret.of("client-secret-value"), "alice");
        byte[] ciphertext = rawSecret(fixture, c.id());
        ciphertext[ciphertext.length - 1] ^= 0x01;
        overwriteSecret(fixture, c.id(), ciphertext);

        assertThatThrownBy(() -> store.secrets().get(c.id(), SecretStore.CLIENT_SECRET))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL))
                .hasMessage("cannot decrypt the secret/client-secret of connection " + c.id() + ": the ciphertext was altered "
                        + "or belongs to another connection or field (authentication failed); store the value again");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void ciphertextMovedToAnotherConnectionIsRefused(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture fixture = fixtures.create(backend);
        SluiceStore store = fixture.open();
        Connection victim = store.connections().create(ConnectionStoreTest.contoso("victim"), "alice");
        Connection attacker = store.connections().create(ConnectionStoreTest.contoso("attacker"), "mallory");
        store.secrets().put(victim.id(), SecretStore.CLIENT_SECRET, Secret.of("victim-secret"), "alice");
        store.secrets().put(attacker.id(), SecretStore.CLIENT_SECRET, Secret.of("placeholder"), "mallory");

        overwriteSecret(fixture, attacker.id(), rawSecret(fixture, victim.id()));

        assertThatThrownBy(() -> store.secrets().get(attacker.id(), SecretStore.CLIENT_SECRET))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL))
                .hasMessageContaining("belongs to another connection or field (authentication failed)")
                .hasMessageNotContaining("victim-secret");
        assertThat(store.secrets().get(victim.id(), SecretStore.CLIENT_SECRET).map(Secret::reveal)).contains("victim-secret");
    }

    static TokenSet tokens(String access, String refresh) {
        return new TokenSet(Secret.of(access), refresh == null ? null : Secret.of(refresh), Instant.parse("2026-03-01T10:00:00Z"),
                Instant.parse(StoreExtension.START), List.of("https://contoso.crm4.dynamics.com/user_impersonation", "offline_access"),
                "alice@contoso.com");
    }

    static byte[] rawSecret(StoreFixture fixture, UUID connectionId) {
        return fixture.sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT ciphertext FROM connection_secrets WHERE connection_id = ?")) {
                ps.setObject(1, connectionId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBytes(1);
                }
            }
        });
    }

    /** Overwrites a stored ciphertext, as someone with write access to the database could. */
    static void overwriteSecret(StoreFixture fixture, UUID connectionId, byte[] ciphertext) {
        fixture.sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE connection_secrets SET ciphertext = ? WHERE connection_id = ?")) {
                ps.setBytes(1, ciphertext);
                ps.setObject(2, connectionId);
                return ps.executeUpdate();
            }
        });
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
