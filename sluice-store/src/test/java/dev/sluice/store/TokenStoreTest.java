package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(StoreExtension.class)
class TokenStoreTest {
    private static final Instant EXPIRES = Instant.parse("2026-03-01T10:00:00Z");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void savedTokensReadBackAndStatusShowsMetadataOnly(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");

        store.tokens().save(c.id(), EncryptionTest.tokens("access-token-value", "refresh-token-value"), "alice");

        TokenSet tokens = store.tokens().get(c.id()).orElseThrow();
        assertThat(tokens.accessToken().reveal()).isEqualTo("access-token-value");
        assertThat(tokens.refreshToken().reveal()).isEqualTo("refresh-token-value");
        assertThat(tokens.expiresAt()).isEqualTo(EXPIRES);
        TokenStatus status = store.tokens().status(c.id());
        assertThat(status.state()).isEqualTo(TokenState.AUTHORIZED);
        assertThat(status.account()).isEqualTo("alice@contoso.com");
        assertThat(status.scopes()).containsExactly("https://contoso.crm4.dynamics.com/user_impersonation", "offline_access");
        assertThat(status.obtainedAt()).isEqualTo(Instant.parse(StoreExtension.START));
        assertThat(status.expiresAt()).isEqualTo(EXPIRES);
        assertThat(status.hasRefreshToken()).isTrue();
        assertThat(status.lastError()).isNull();
        assertThat(status.toString()).doesNotContain("access-token-value", "refresh-token-value");
        assertThat(tokens.toString()).doesNotContain("access-token-value", "refresh-token-value")
                .contains("accessToken=***", "refreshToken=***");
        assertThat(store.audit().list(AuditQuery.all().action(AuditAction.AUTHORIZATION_COMPLETED)).events())
                .singleElement().satisfies(e -> assertThat(e.detail())
                        .isEqualTo("access token expires at 2026-03-01T10:00:00Z, refresh token held, scopes "
                                + "https://contoso.crm4.dynamics.com/user_impersonation offline_access, account alice@contoso.com"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void tokenWithoutRefreshTokenIsExpiredOnceTheClockPassesItsExpiry(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture fixture = fixtures.create(backend);
        SluiceStore store = fixture.open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        store.tokens().save(c.id(), EncryptionTest.tokens("static-access", null), "alice");

        fixture.clock().set(EXPIRES.minusSeconds(1));
        assertThat(store.tokens().status(c.id()).state()).isEqualTo(TokenState.AUTHORIZED);
        fixture.clock().set(EXPIRES);
        assertThat(store.tokens().status(c.id()).state()).isEqualTo(TokenState.EXPIRED);
        assertThat(store.tokens().status(c.id()).hasRefreshToken()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refreshLockedSavesWhatTheWorkReturnsAndAuditsIt(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture fixture = fixtures.create(backend);
        SluiceStore store = fixture.open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        store.tokens().save(c.id(), EncryptionTest.tokens("access-1", "refresh-1"), "alice");
        fixture.clock().advance(Duration.ofMinutes(55));

        TokenSet result = store.tokens().refreshLocked(c.id(), (current, status) -> {
            assertThat(current.orElseThrow().refreshToken().reveal()).isEqualTo("refresh-1");
            return RefreshResult.refreshed(new TokenSet(Secret.of("access-2"), Secret.of("refresh-2"),
                    EXPIRES.plus(Duration.ofHours(1)), fixture.clock().instant(), List.of("openid"), "alice@contoso.com"));
        }).orElseThrow();

        assertThat(result.accessToken().reveal()).isEqualTo("access-2");
        assertThat(store.tokens().get(c.id()).orElseThrow().refreshToken().reveal()).isEqualTo("refresh-2");
        TokenStatus status = store.tokens().status(c.id());
        assertThat(status.lastRefreshAt()).isEqualTo(Instant.parse("2026-03-01T09:55:00Z"));
        assertThat(status.expiresAt()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
        assertThat(store.audit().list(AuditQuery.all().action(AuditAction.TOKEN_REFRESHED)).events())
                .singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("system"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void invalidGrantNeedsAuthorizationAndDropsTheRefreshToken(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        store.tokens().save(c.id(), EncryptionTest.tokens("access-1", "refresh-1"), "alice");

        store.tokens().refreshLocked(c.id(), (current, status) -> RefreshResult.failed(TokenState.NEEDS_AUTHORIZATION,
                "invalid_grant: the refresh token was revoked; run 'sluice connection authorize contoso'"));

        TokenStatus status = store.tokens().status(c.id());
        assertThat(status.state()).isEqualTo(TokenState.NEEDS_AUTHORIZATION);
        assertThat(status.hasRefreshToken()).isFalse();
        assertThat(status.lastError()).isEqualTo("invalid_grant: the refresh token was revoked; run 'sluice connection authorize contoso'");
        assertThat(store.tokens().get(c.id()).orElseThrow().refreshToken()).isNull();
        assertThat(store.audit().list(AuditQuery.all().action(AuditAction.TOKEN_REFRESH_FAILED)).events())
                .singleElement().satisfies(e -> assertThat(e.detail()).startsWith("needs-authorization: invalid_grant"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void transientFailureKeepsTheTokensAndNextRefreshClearsTheError(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        store.tokens().save(c.id(), EncryptionTest.tokens("access-1", "refresh-1"), "alice");

        store.tokens().refreshLocked(c.id(), (current, status) -> RefreshResult.failed(TokenState.ERROR, "identity provider answered 503"));
        assertThat(store.tokens().status(c.id()).state()).isEqualTo(TokenState.ERROR);
        assertThat(store.tokens().get(c.id()).orElseThrow().refreshToken().reveal()).isEqualTo("refresh-1");

        store.tokens().refreshLocked(c.id(), (current, status) -> RefreshResult.refreshed(current.orElseThrow()));
        assertThat(store.tokens().status(c.id()).state()).isEqualTo(TokenState.AUTHORIZED);
        assertThat(store.tokens().status(c.id()).lastError()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void workThatThrowsChangesNothing(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");
        store.tokens().save(c.id(), EncryptionTest.tokens("access-1", "refresh-1"), "alice");

        assertThatThrownBy(() -> store.tokens().refreshLocked(c.id(), (current, status) -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(store.tokens().get(c.id()).orElseThrow().accessToken().reveal()).isEqualTo("access-1");
        assertThat(store.audit().list(AuditQuery.all().action(AuditAction.TOKEN_REFRESHED)).events()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void authorizationFailureIsRecordedAndTokensCanBeDeleted(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso("contoso"), "alice");

        store.tokens().recordAuthorizationFailure(c.id(), "alice", "access_denied: the user declined consent");
        assertThat(store.tokens().status(c.id()).lastError()).isEqualTo("access_denied: the user declined consent");
        assertThat(store.tokens().status(c.id()).state()).isEqualTo(TokenState.NEEDS_AUTHORIZATION);

        store.tokens().save(c.id(), EncryptionTest.tokens("access-1", "refresh-1"), "alice");
        store.tokens().delete(c.id(), "alice");
        assertThat(store.tokens().get(c.id())).isEmpty();
        assertThat(store.tokens().status(c.id()).state()).isEqualTo(TokenState.NEEDS_AUTHORIZATION);
    }

    @Test
    void failedResultOnlyAllowsNeedsAuthorizationOrError() {
        assertThatThrownBy(() -> RefreshResult.failed(TokenState.AUTHORIZED, "x"))
                .hasMessage("a failed refresh leaves the state needs-authorization or error, not AUTHORIZED");
    }
}
