package dev.sluice.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.RecordedRequest;
import dev.sluice.testing.WithEmulator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The headers and preferences each operation sends, read back from the emulator's request log. */
@WithEmulator(noAuth = true, seed = {"accounts=3"})
class RequestShapeTest {
    static final UUID CALLER = UUID.fromString("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0");
    static Emulator emulator;
    static DataverseClient client;

    @BeforeAll
    static void connect() {
        client = DataverseClient.builder().orgUrl(emulator.orgUrl()).bypassCustomPlugins()
                .credential(StaticTokenCredential.of("shape-test", "secret-token")).build();
        client.metadata("account");
    }

    @BeforeEach
    void reset() {
        emulator.stats().reset();
    }

    static RecordedRequest last() {
        List<RecordedRequest> all = emulator.stats().recentRequests(1);
        return all.get(all.size() - 1);
    }

    @Test
    void updateIsUpdateOnlyAndCarriesTheBypassHeader() {
        UUID id = client.create("account", Map.of("name", "shape"));
        client.update("account", RecordKey.of(id), Map.of("name", "shape 2"));
        RecordedRequest r = last();
        assertThat(r.method()).isEqualTo("PATCH");
        assertThat(Clients.header(r, "If-Match")).isEqualTo("*");
        assertThat(Clients.header(r, "MSCRM.BypassCustomPluginExecution")).isEqualTo("true");
        assertThat(Clients.header(r, "Authorization")).isEqualTo("Bearer ***");
        assertThat(Clients.header(r, "OData-Version")).isEqualTo("4.0");
        assertThat(Clients.header(r, "x-ms-client-request-id")).isNotBlank();
    }

    @Test
    void upsertSendsNoConditionButCreateOnlyAndUpdateOnlyDo() {
        RecordKey key = RecordKey.alternate("accountnumber", "SHAPE-1");
        client.upsert("account", key, Map.of("name", "u"));
        assertThat(Clients.header(last(), "If-Match")).isNull();
        assertThat(Clients.header(last(), "If-None-Match")).isNull();
        assertThat(Clients.header(last(), "Prefer")).isEqualTo("return=representation");
        client.upsert("account", key, Map.of("name", "u2"), UpsertOptions.UPDATE_ONLY);
        assertThat(Clients.header(last(), "If-Match")).isEqualTo("*");
        try {
            client.upsert("account", key, Map.of("name", "u3"), UpsertOptions.CREATE_ONLY);
        } catch (DataverseException expected) {
            assertThat(expected.status()).isEqualTo(412);
        }
        assertThat(Clients.header(last(), "If-None-Match")).isEqualTo("*");
    }

    @Test
    void queriesAskForThePageSizeAndFormattedValuesWhenWanted() {
        client.query(Query.table("account").select("name").withFormattedValues()).stream().count();
        assertThat(Clients.header(last(), "Prefer"))
                .isEqualTo("odata.maxpagesize=5000,odata.include-annotations=\"*\"");
        assertThat(last().url()).contains("$select=name");
    }

    @Test
    void impersonationSendsCallerObjectIdOnReadsAndWrites() {
        DataverseClient as = DataverseClient.builder().orgUrl(emulator.orgUrl()).impersonate(CALLER)
                .credential(StaticTokenCredential.of("shape-impersonate", "t")).build();
        as.query(Query.table("account").top(1)).stream().count();
        assertThat(Clients.header(last(), "CallerObjectId")).isEqualTo(CALLER.toString());
        Batch batch = new Batch();
        batch.create("account", Map.of("name", "as someone"));
        as.batch(batch);
        assertThat(Clients.header(last(), "CallerObjectId")).isEqualTo(CALLER.toString());
    }

    @Test
    void bulkMessagesArePostedToTheBoundActionOfTheEntitySet() {
        client.createMultiple("account", List.of(Map.of("name", "bulk shape")));
        RecordedRequest create = last();
        assertThat(create.url()).endsWith("/accounts/Microsoft.Dynamics.CRM.CreateMultiple");
        assertThat(Clients.header(create, "Content-Type")).startsWith("application/json");
    }
}
