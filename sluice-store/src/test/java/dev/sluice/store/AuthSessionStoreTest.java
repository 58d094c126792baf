package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(StoreExtension.class)
class AuthSessionStoreTest {
    private static final Secret STATE = Secret.of("Xq3v8n2LkPz0aRt5Yw7cJ1sD4fG6hB9m");
    private static final Secret VERIFIER = Secret.of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    private static final URI REDIRECT = URI.create("http://127.0.0.1:51234/callback");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void beganSessionIsConsumedOnceByTheUserWhoBeganIt(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");

        AuthSession begun = store.authSessions().begin(c.id(), "alice", STATE, VERIFIER, "nonce-42", REDIRECT);
        assertThat(begun.expiresAt()).isEqualTo(Instant.parse(StoreExtension.START).plus(Duration.ofMinutes(10)));

        AuthSession consumed = store.authSessions().consume(STATE, "alice");
        assertThat(consumed.connectionId()).isEqualTo(c.id());
        assertThat(consumed.pkceVerifier().reveal()).isEqualTo(VERIFIER.reveal());
        assertThat(consumed.nonce()).isEqualTo("nonce-42");
        assertThat(consumed.redirectUri()).isEqualTo(REDIRECT);
        assertThat(consumed.toString()).doesNotContain(VERIFIER.reveal());

        assertThatThrownBy(() -> store.authSessions().consume(STATE, "alice"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTH))
                .hasMessage("this authorization is unknown or was already completed (its state does not match a pending "
                        + "authorization); start the authorization again");
        assertThat(store.audit().list(AuditQuery.all().action(AuditAction.AUTHORIZATION_BEGUN)).events())
                .singleElement().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("alice");
                    assertThat(e.detail()).isEqualTo("redirect to http://127.0.0.1:51234/callback, expires at 2026-03-01T09:10:00Z");
                });
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void sessionIsRefusedOnceTenMinutesHavePassed(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture fixture = fixtures.create(backend);
        SluiceStore store = fixture.open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        store.authSessions().begin(c.id(), "alice", STATE, VERIFIER, "nonce", REDIRECT);

        fixture.clock().advance(Duration.ofMinutes(10));

        assertThatThrownBy(() -> store.authSessions().consume(STATE, "alice"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTH))
                .hasMessage("this authorization began at 2026-03-01T09:00:00Z and expired at 2026-03-01T09:10:00Z "
                        + "(a pending authorization lasts 10 minutes); start the authorization again");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void sessionIsAcceptedJustBeforeExpiry(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture fixture = fixtures.create(backend);
        SluiceStore store = fixture.open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        store.authSessions().begin(c.id(), "alice", STATE, VERIFIER, "nonce", REDIRECT);

        fixture.clock().advance(Duration.ofMinutes(10).minusMillis(1));

        assertThat(store.authSessions().consume(STATE, "alice").user()).isEqualTo("alice");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void sessionBegunByAnotherUserIsRefusedAndLeftForItsOwner(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        store.authSessions().begin(c.id(), "alice", STATE, VERIFIER, "nonce", REDIRECT);

        assertThatThrownBy(() -> store.authSessions().consume(STATE, "mallory"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN))
                .hasMessage("this authorization was begun by another user; it can only be completed by the user who began "
                        + "it, so 'mallory' must start an authorization of their own");
        // issue 23 row 11: a stranger's failed callback does not spend the owner's pending authorization
        assertThat(store.authSessions().consume(STATE, "alice").pkceVerifier().reveal()).isEqualTo(VERIFIER.reveal());
        assertThatThrownBy(() -> store.authSessions().consume(STATE, "alice"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTH));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void stateIsStoredOnlyAsItsSha256(Backend backend, StoreExtension.Fixtures fixtures) throws Exception {
        StoreFixture fixture = fixtures.create(backend);
        SluiceStore store = fixture.open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        store.authSessions().begin(c.id(), "alice", STATE, VERIFIER, "nonce", REDIRECT);
        String expectedHash = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(STATE.reveal().getBytes(StandardCharsets.UTF_8)));

        String stored = fixture.sql(conn -> {
            try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT state_hash FROM auth_sessions")) {
                rs.next();
                return rs.getString(1);
            }
        });

        assertThat(stored).isEqualTo(expectedHash);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void expiredSessionsAreDeleted(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture fixture = fixtures.create(backend);
        SluiceStore store = fixture.open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        store.authSessions().begin(c.id(), "alice", STATE, VERIFIER, "nonce", REDIRECT);
        fixture.clock().advance(Duration.ofMinutes(5));
        store.authSessions().begin(c.id(), "bob", Secret.of("another-state-0123456789abcdef"), VERIFIER, "nonce", REDIRECT);
        fixture.clock().advance(Duration.ofMinutes(6));

        assertThat(store.authSessions().deleteExpired()).isEqualTo(1);
        assertThat(store.authSessions().consume(Secret.of("another-state-0123456789abcdef"), "bob").user()).isEqualTo("bob");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void weakStateOrVerifierIsRefused(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");

        assertThatThrownBy(() -> store.authSessions().begin(c.id(), "alice", Secret.of("short"), VERIFIER, "n", REDIRECT))
                .hasMessage("state must be at least 22 random characters (128 bits)");
        assertThatThrownBy(() -> store.authSessions().begin(c.id(), "alice", STATE, Secret.of("too-short"), "n", REDIRECT))
                .hasMessageContaining("PKCE verifier must be 43-128 characters");
        assertThatThrownBy(() -> store.authSessions().begin(c.id(), "alice", STATE, VERIFIER, "n",
                URI.create("http://sluice.example.com/callback")))
                .hasMessageContaining("must use https (plain http is allowed only on 127.0.0.1 or localhost)");
    }
}
