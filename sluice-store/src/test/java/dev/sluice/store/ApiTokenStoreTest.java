package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 23 rows 4 and 6: scoped, expiring API tokens; revoking one revokes what it created; everyone's list. */
@ExtendWith(StoreExtension.class)
class ApiTokenStoreTest {
    static final Instant LATER = Instant.parse(StoreExtension.START).plus(Duration.ofDays(30));

    private static SluiceStore withUsers(StoreFixture fixture) {
        SluiceStore store = fixture.open();
        store.users().create("alice", Role.ADMIN, "$2a$12$hash", false, "system");
        store.users().create("bob", Role.MEMBER, "$2a$12$hash", false, "system");
        return store;
    }

    private static NewApiToken spec(String user, Set<TokenScope> scopes, UUID parent) {
        return new NewApiToken(user, "program", scopes, Set.of(), LATER, parent);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void tokenKeepsItsScopesConnectionsAndExpiry(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = withUsers(fixtures.create(backend));
        UUID connection = UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        ApiToken t = store.apiTokens().create(new NewApiToken("bob", "reader", EnumSet.of(TokenScope.READ),
                Set.of(connection), LATER, null), Secret.of("slu_one"), "bob");

        ApiToken read = store.apiTokens().authenticate(Secret.of("slu_one")).orElseThrow();
        assertThat(read.id()).isEqualTo(t.id());
        assertThat(read.scopes()).containsExactly(TokenScope.READ);
        assertThat(read.connections()).containsExactly(connection);
        assertThat(read.expiresAt()).isEqualTo(LATER);
        assertThat(read.lastUsedAt()).isEqualTo(Instant.parse(StoreExtension.START));
        assertThat(store.apiTokens().get(t.id()).orElseThrow().lastUsedAt()).isEqualTo(Instant.parse(StoreExtension.START));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void lastUseIsStoredToTheMinuteNotOnEveryCall(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture fixture = fixtures.create(backend);
        SluiceStore store = withUsers(fixture);
        ApiToken t = store.apiTokens().create(spec("bob", EnumSet.of(TokenScope.READ), null), Secret.of("slu_use"),
                "bob");
        Instant start = Instant.parse(StoreExtension.START);
        store.apiTokens().authenticate(Secret.of("slu_use")).orElseThrow();
        fixture.clock().advance(Duration.ofSeconds(59));
        assertThat(store.apiTokens().authenticate(Secret.of("slu_use")).orElseThrow().lastUsedAt())
                .isEqualTo(start.plusSeconds(59));
        assertThat(store.apiTokens().get(t.id()).orElseThrow().lastUsedAt()).isEqualTo(start);
        fixture.clock().advance(Duration.ofSeconds(1));
        store.apiTokens().authenticate(Secret.of("slu_use")).orElseThrow();
        assertThat(store.apiTokens().get(t.id()).orElseThrow().lastUsedAt()).isEqualTo(start.plusSeconds(60));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void expiredTokenIsRefused(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture fixture = fixtures.create(backend);
        SluiceStore store = withUsers(fixture);
        store.apiTokens().create(spec("bob", EnumSet.of(TokenScope.READ), null), Secret.of("slu_two"), "bob");

        fixture.clock().set(LATER);

        assertThat(store.apiTokens().authenticate(Secret.of("slu_two"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyonesTokensAreListedForAnAdmin(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = withUsers(fixtures.create(backend));
        store.apiTokens().create(spec("alice", EnumSet.of(TokenScope.ADMIN), null), Secret.of("slu_a"), "alice");
        store.apiTokens().create(spec("bob", EnumSet.of(TokenScope.READ), null), Secret.of("slu_b"), "bob");

        assertThat(store.apiTokens().list(null)).extracting(ApiToken::user).containsExactlyInAnyOrder("alice", "bob");
        assertThat(store.apiTokens().list("bob")).extracting(ApiToken::user).containsExactly("bob");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void revokingATokenRevokesEveryTokenItCreatedAndTheirs(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = withUsers(fixtures.create(backend));
        ApiToken root = store.apiTokens().create(spec("bob", EnumSet.of(TokenScope.READ, TokenScope.TOKENS), null),
                Secret.of("slu_root"), "bob");
        ApiToken child = store.apiTokens().create(spec("bob", EnumSet.of(TokenScope.READ, TokenScope.TOKENS),
                root.id()), Secret.of("slu_child"), "bob");
        ApiToken grandchild = store.apiTokens().create(spec("bob", EnumSet.of(TokenScope.READ), child.id()),
                Secret.of("slu_grandchild"), "bob");
        ApiToken other = store.apiTokens().create(spec("bob", EnumSet.of(TokenScope.READ), null),
                Secret.of("slu_other"), "bob");

        assertThat(store.apiTokens().revoke(root.id(), "bob")).containsExactly(root.id(), child.id(), grandchild.id());

        for (String t : new String[] {"slu_root", "slu_child", "slu_grandchild"}) {
            assertThat(store.apiTokens().authenticate(Secret.of(t))).as(t).isEmpty();
        }
        assertThat(store.apiTokens().authenticate(Secret.of("slu_other"))).isPresent();
        assertThat(store.apiTokens().get(other.id()).orElseThrow().active()).isTrue();
        assertThatThrownBy(() -> store.apiTokens().create(spec("bob", EnumSet.of(TokenScope.READ), child.id()),
                Secret.of("slu_late"), "bob"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTH));
        assertThat(store.apiTokens().authenticate(Secret.of("slu_late"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTokenNeedsAScopeAndAFutureExpiry(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = withUsers(fixtures.create(backend));
        assertThatThrownBy(() -> spec("bob", EnumSet.noneOf(TokenScope.class), null))
                .hasMessageContaining("at least one scope");
        assertThatThrownBy(() -> store.apiTokens().create(new NewApiToken("bob", "old", EnumSet.of(TokenScope.READ),
                Set.of(), Instant.parse(StoreExtension.START), null), Secret.of("slu_old"), "bob"))
                .hasMessageContaining("not in the future");
    }
}
