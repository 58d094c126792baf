package dev.sluice.dataverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.emulator.Emulator;
import dev.sluice.testing.WithEmulator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithEmulator(noAuth = true, seed = {"opportunities=120"})
class ChangeTrackingTest {
    static Emulator emulator;
    static DataverseClient client;

    @BeforeAll
    static void connect() {
        client = DataverseClient.builder().orgUrl(emulator.orgUrl()).pageSize(50)
                .credential(dev.sluice.auth.StaticTokenCredential.of("changes-test", "t")).build();
    }

    @Test
    void anInitialReadReturnsEveryRowThenLaterReadsReturnChangesAndDeletions() {
        Changes initial = client.changes("opportunity", List.of("name"), null);
        List<Change> all = initial.stream().toList();
        assertThat(initial.full()).isTrue();
        assertThat(all).hasSizeGreaterThanOrEqualTo(120).noneMatch(Change::isDeletion);
        String token = initial.deltaToken();

        UUID created = client.create("opportunity", Map.of("name", "tracked new"));
        UUID changed = all.get(3).row().getUuid("opportunityid");
        client.update("opportunity", RecordKey.of(changed), Map.of("name", "tracked changed"));
        UUID deleted = all.get(5).row().getUuid("opportunityid");
        client.delete("opportunity", RecordKey.of(deleted));

        Changes delta = client.changes("opportunity", List.of("name"), token);
        List<Change> changes = delta.stream().toList();
        assertThat(delta.full()).isFalse();
        assertThat(changes).filteredOn(c -> !c.isDeletion()).extracting(c -> c.row().getUuid("opportunityid"))
                .containsExactlyInAnyOrder(created, changed);
        assertThat(changes).filteredOn(Change::isDeletion).extracting(Change::deletedId).containsExactly(deleted);

        Changes none = client.changes("opportunity", List.of("name"), delta.deltaToken());
        assertThat(none.stream().toList()).isEmpty();
        assertThat(none.deltaToken()).isNotBlank();
    }

    @Test
    void theInitialReadSendsTheTrackChangesPreferenceOnEveryPage() {
        emulator.stats().reset();
        Changes initial = client.changes("opportunity", List.of("name"), null);
        initial.forEach(c -> { });
        assertThat(Clients.requests(emulator, "/opportunities")).hasSizeGreaterThan(1)
                .allSatisfy(r -> assertThat(Clients.header(r, "Prefer")).isEqualTo("odata.track-changes,odata.maxpagesize=50"));
    }

    @Test
    void anExpiredTokenFailsWithAConflictThatSaysToResync() {
        String expired = "1!01/01/2020 00:00:00";
        assertThatThrownBy(() -> client.changes("opportunity", List.of("name"), expired))
                .isInstanceOfSatisfying(DataverseException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errorCode()).hasValue("0x80044352");
                    assertThat(e.getMessage()).contains("'opportunity'").contains("resync");
                });
    }

    @Test
    void anExpiredTokenResyncsWhenAsked() {
        Changes resync = client.changes("opportunity", List.of("name"), "1!01/01/2020 00:00:00",
                ChangeTrackingOptions.resyncing());
        assertThat(resync.resynced()).isTrue();
        assertThat(resync.full()).isTrue();
        assertThat(resync.stream().count()).isGreaterThanOrEqualTo(100);
        assertThat(resync.deltaToken()).isNotBlank();
    }

    @Test
    void theTokenIsOnlyKnownAfterTheLastPage() {
        Changes initial = client.changes("opportunity", List.of("name"), null);
        assertThatThrownBy(initial::deltaToken).hasMessageContaining("read every change first");
    }
}
