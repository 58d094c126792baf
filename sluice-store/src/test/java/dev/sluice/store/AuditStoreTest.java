package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(StoreExtension.class)
class AuditStoreTest {
    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void listsNewestFirstWithFiltersAndPages(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture fixture = fixtures.create(backend);
        SluiceStore store = fixture.open();
        for (int i = 0; i < 5; i++) {
            store.audit().append("alice", AuditAction.TOKEN_REFRESHED, A, "a", "refresh " + i);
            store.audit().append("bob", AuditAction.CONNECTION_CHANGED, B, "b", "change " + i);
            fixture.clock().advance(Duration.ofMinutes(1));
        }
        Instant start = Instant.parse(StoreExtension.START);

        assertThat(store.audit().list(AuditQuery.all()).events()).hasSize(10).first()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("change 4"));
        assertThat(store.audit().list(AuditQuery.all().connection(A)).events()).extracting(AuditEvent::detail)
                .containsExactly("refresh 4", "refresh 3", "refresh 2", "refresh 1", "refresh 0");
        assertThat(store.audit().list(AuditQuery.all().actor("bob").action(AuditAction.CONNECTION_CHANGED)).events()).hasSize(5);
        assertThat(store.audit().list(AuditQuery.all().actor("bob").action(AuditAction.TOKEN_REFRESHED)).events()).isEmpty();
        assertThat(store.audit().list(AuditQuery.all().connection(A)
                .between(start.plus(Duration.ofMinutes(1)), start.plus(Duration.ofMinutes(3)))).events())
                .extracting(AuditEvent::detail).containsExactly("refresh 2", "refresh 1");

        List<String> paged = new ArrayList<>();
        AuditPage page = store.audit().list(AuditQuery.all().pageSize(3));
        int pages = 1;
        paged.addAll(page.events().stream().map(AuditEvent::detail).toList());
        while (page.nextPage().isPresent()) {
            page = store.audit().list(page.nextPage().get());
            paged.addAll(page.events().stream().map(AuditEvent::detail).toList());
            pages++;
        }
        assertThat(pages).isEqualTo(4);
        assertThat(paged).containsExactly("change 4", "refresh 4", "change 3", "refresh 3", "change 2", "refresh 2",
                "change 1", "refresh 1", "change 0", "refresh 0");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void badQueriesAreRefused(Backend backend, StoreExtension.Fixtures fixtures) {
        Instant t = Instant.parse(StoreExtension.START);
        assertThatThrownBy(() -> AuditQuery.all().pageSize(0)).hasMessage("audit page size must be 1..1000, got 0");
        assertThatThrownBy(() -> AuditQuery.all().between(t, t)).hasMessageContaining("audit time range is empty");
        SluiceStore store = fixtures.create(backend).open();
        assertThatThrownBy(() -> store.audit().append(" ", AuditAction.CONNECTION_CREATED, null, null, "x"))
                .hasMessage("actor is required and must not be blank");
    }
}
