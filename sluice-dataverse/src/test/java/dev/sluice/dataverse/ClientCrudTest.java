package dev.sluice.dataverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.core.ErrorKind;
import dev.sluice.emulator.Emulator;
import dev.sluice.testing.WithEmulator;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithEmulator(noAuth = true, seed = {"accounts=20"})
class ClientCrudTest {
    static Emulator emulator;
    static DataverseClient client;

    @BeforeAll
    static void connect() {
        client = DataverseClient.builder().orgUrl(emulator.orgUrl())
                .credential(StaticTokenCredential.of("crud-test", "token")).build();
    }

    @Test
    void whoAmIReturnsTheCallingUser() {
        WhoAmI me = client.whoAmI();
        assertThat(me.userId()).isEqualTo(UUID.fromString("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"));
        assertThat(me.businessUnitId()).isNotNull();
    }

    @Test
    void createThenUpdateThenDeleteARow() {
        UUID id = client.create("account", Map.of("name", "Client test", "numberofemployees", 7));
        assertThat(id).isNotNull();
        client.update("account", RecordKey.of(id), Map.of("name", "Renamed"));
        client.delete("account", RecordKey.of(id));
        assertThatThrownBy(() -> client.delete("account", RecordKey.of(id)))
                .isInstanceOfSatisfying(DataverseException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).hasValue("0x80040217");
                    assertThat(e.serviceRequestId()).isPresent();
                    assertThat(e.getMessage()).contains("DELETE accounts(" + id + ")").contains("Does Not Exist");
                });
    }

    @Test
    void updateOfAMissingRowIsNotFoundAndCreatesNothing() {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> client.update("account", RecordKey.of(id), Map.of("name", "x")))
                .isInstanceOfSatisfying(DataverseException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    void readOnlyClientRefusesWritesBeforeSending() {
        DataverseClient ro = DataverseClient.builder().orgUrl(emulator.orgUrl()).readOnly(true)
                .credential(StaticTokenCredential.of("ro-test", "token")).build();
        assertThatThrownBy(() -> ro.create("account", Map.of("name", "x")))
                .isInstanceOfSatisfying(dev.sluice.core.SluiceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN);
                    assertThat(e.getMessage()).contains("read-only");
                });
    }

    @Test
    void badColumnNamesAreRefusedBeforeSending() {
        assertThatThrownBy(() -> Query.table("account").select("name;drop"))
                .hasMessageContaining("not a valid column name");
        assertThat(Filter.eq("name", "O'Brien").toOData()).isEqualTo("name eq 'O''Brien'");
        assertThat(RecordKey.alternate("accountnumber", "A'1").segment()).isEqualTo("accountnumber='A''1'");
    }

    @Test
    void topIsHonouredBecauseNoPageSizePreferenceIsSentWithIt() {
        assertThat(client.query(Query.table("account").select("name").top(3)).stream().count()).isEqualTo(3);
        DataverseClient small = DataverseClient.builder().orgUrl(emulator.orgUrl()).pageSize(5)
                .credential(StaticTokenCredential.of("top-test", "token")).build();
        // top above the page size: pages of 5, and the stream stops at 12 rows
        RowStream rows = small.query(Query.table("account").select("name").top(12));
        assertThat(rows.stream().count()).isEqualTo(12);
    }

    @Test
    void builderNamesWhatIsMissing() {
        assertThatThrownBy(() -> DataverseClient.builder().build())
                .hasMessageContaining("missing orgUrl, credential");
        assertThatThrownBy(() -> DataverseClient.builder().orgUrl("ftp://x"))
                .hasMessageContaining("is not an org URL");
    }
}
