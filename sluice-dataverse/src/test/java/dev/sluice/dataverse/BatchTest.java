package dev.sluice.dataverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.RecordedRequest;
import dev.sluice.testing.WithEmulator;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithEmulator(noAuth = true)
class BatchTest {
    static Emulator emulator;
    static DataverseClient client;

    @BeforeAll
    static void connect() {
        client = Clients.of(emulator, "batch-test");
    }

    static long count(String table, Filter f) {
        return client.query(Query.table(table).select(client.metadata(table).primaryIdAttribute()).where(f))
                .stream().count();
    }

    @Test
    void everyOperationGetsItsOutcomeInInputOrder() {
        UUID existing = client.create("account", Map.of("name", "batch existing", "accountnumber", "B-EX"));
        Batch batch = new Batch();
        BatchRef created = batch.create("account", Map.of("name", "batch created"));
        BatchRef updated = batch.update("account", RecordKey.of(existing), Map.of("name", "batch renamed"));
        BatchRef upserted = batch.upsert("account", RecordKey.alternate("accountnumber", "B-UP"),
                Map.of("name", "batch upserted"));
        BatchRef read = batch.get("account", RecordKey.alternate("accountnumber", "B-EX"), "name");
        BatchRef deleted = batch.delete("account", RecordKey.of(existing));

        BatchResult result = client.batch(batch);

        assertThat(result.allSucceeded()).isTrue();
        assertThat(result.outcome(created).status()).isEqualTo(204);
        assertThat(result.outcome(created).id()).isNotNull();
        assertThat(result.outcome(updated).id()).isEqualTo(existing);
        assertThat(result.outcome(upserted).status()).isEqualTo(204);
        assertThat(result.outcome(read).row().getString("name")).isEqualTo("batch renamed");
        assertThat(result.outcome(deleted).status()).isEqualTo(204);
        assertThat(client.get("account", RecordKey.of(result.outcome(created).id()), "name")).isPresent();
        assertThat(client.get("account", RecordKey.of(existing))).isEmpty();
    }

    @Test
    void aChangeSetBindsALaterCreateToAnEarlierOneByContentId() {
        Batch batch = new Batch();
        ChangeSet cs = batch.changeSet();
        BatchRef parent = cs.create("account", Map.of("name", "cs parent"));
        BatchRef child = cs.create("contact", Map.of("lastname", "cs child", "parentcustomerid_account", parent));

        BatchResult result = client.batch(batch);

        assertThat(result.allSucceeded()).isTrue();
        UUID parentId = result.outcome(parent).id();
        Row contact = client.get("contact", RecordKey.of(result.outcome(child).id()), "_parentcustomerid_value")
                .orElseThrow();
        assertThat(contact.getUuid("_parentcustomerid_value")).isEqualTo(parentId);
    }

    @Test
    void aFailingChangeSetIsRolledBackAndEachOperationSaysWhy() {
        Batch batch = new Batch();
        ChangeSet cs = batch.changeSet();
        BatchRef good = cs.create("account", Map.of("name", "rolled back " + UUID.randomUUID()));
        BatchRef bad = cs.update("account", RecordKey.of(UUID.randomUUID()), Map.of("name", "missing"));
        BatchRef after = batch.create("account", Map.of("name", "never sent"));

        BatchResult result = client.batch(batch);

        BatchOutcome failure = result.outcome(bad);
        assertThat(failure.status()).isEqualTo(404);
        assertThat(failure.errorKind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(failure.errorCode()).isEqualTo("0x80040217");
        assertThat(failure.message()).contains("update on 'account'").contains("Does Not Exist");
        assertThat(result.outcome(good).succeeded()).isFalse();
        assertThat(result.outcome(good).message()).startsWith("rolled back: operation 1 of change set 1 failed");
        assertThat(result.outcome(after).executed()).isFalse();
        assertThat(count("account", Filter.startsWith("name", "rolled back"))).isZero();
        assertThat(count("account", Filter.eq("name", "never sent"))).isZero();
    }

    @Test
    void continueOnErrorRunsEveryPartAndReportsEachFailure() {
        Batch batch = new Batch();
        BatchRef first = batch.create("account", Map.of("name", "coe first"));
        BatchRef missing = batch.delete("account", RecordKey.of(UUID.randomUUID()));
        BatchRef tooLong = batch.create("account", Map.of("name", "x".repeat(161)));
        BatchRef last = batch.create("account", Map.of("name", "coe last"));

        emulator.stats().reset();
        BatchResult result = client.batch(batch, BatchOptions.continuing());

        assertThat(result.outcome(first).succeeded()).isTrue();
        assertThat(result.outcome(missing).errorKind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(result.outcome(tooLong).errorKind()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(result.outcome(tooLong).message()).contains("name");
        assertThat(result.outcome(last).succeeded()).isTrue();
        assertThat(result.failures()).extracting(BatchOutcome::index).containsExactly(1, 2);
        RecordedRequest sent = Clients.requests(emulator, "$batch").get(0);
        assertThat(Clients.header(sent, "Prefer")).isEqualTo("odata.continue-on-error");
        assertThat(Clients.header(sent, "Content-Type")).startsWith("multipart/mixed; boundary=batch_");
    }

    @Test
    void moreThanAThousandOperationsGoInSeveralRequestsAndAChangeSetIsNeverSplit() {
        Batch batch = new Batch();
        for (int i = 0; i < 999; i++) {
            batch.create("lead", Map.of("lastname", "chunk " + i, "subject", "chunking"));
        }
        ChangeSet cs = batch.changeSet();
        cs.create("lead", Map.of("lastname", "cs a", "subject", "chunking"));
        cs.create("lead", Map.of("lastname", "cs b", "subject", "chunking"));

        emulator.stats().reset();
        BatchResult result = client.batch(batch);

        assertThat(result.outcomes()).hasSize(1001);
        assertThat(result.allSucceeded()).isTrue();
        assertThat(Clients.requests(emulator, "$batch")).hasSize(2);
        assertThat(count("lead", Filter.eq("subject", "chunking"))).isEqualTo(1001);
    }

    @Test
    void aChangeSetOfMoreThanAThousandOperationsIsRefused() {
        ChangeSet cs = new Batch().changeSet();
        for (int i = 0; i < 1000; i++) {
            cs.delete("account", RecordKey.of(UUID.randomUUID()));
        }
        assertThatThrownBy(() -> cs.delete("account", RecordKey.of(UUID.randomUUID())))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("exceed 1000 operations");
                });
    }

    @Test
    void aReferenceOutsideItsChangeSetIsRefusedBeforeSending() {
        Batch batch = new Batch();
        BatchRef alone = batch.create("account", Map.of("name", "alone"));
        assertThatThrownBy(() -> batch.changeSet().create("contact", Map.of("lastname", "x",
                "parentcustomerid_account", alone)))
                .hasMessageContaining("only inside one change set");
    }

    @Test
    void aReadOnlyClientMaySendABatchOfGetsButNoWrites() {
        DataverseClient ro = DataverseClient.builder().orgUrl(emulator.orgUrl()).readOnly(true)
                .credential(dev.sluice.auth.StaticTokenCredential.of("batch-ro", "t")).build();
        Batch reads = new Batch();
        reads.get("account", RecordKey.alternate("accountnumber", "nothing-here"));
        assertThat(ro.batch(reads).outcome(0).errorKind()).isEqualTo(ErrorKind.NOT_FOUND);
        Batch writes = new Batch();
        writes.create("account", Map.of("name", "x"));
        assertThatThrownBy(() -> ro.batch(writes)).hasMessageContaining("read-only");
    }

    @Test
    void theResponseReaderAcceptsBareLineFeeds() {
        String body = "--batchresponse_1\nContent-Type: application/http\nContent-Transfer-Encoding: binary\n\n"
                + "HTTP/1.1 204 No Content\nOData-EntityId: http://x/api/data/v9.2/accounts(00000000-0000-0000-0000-000000000001)\n\n\n"
                + "--batchresponse_1\nContent-Type: multipart/mixed; boundary=changesetresponse_2\n\n"
                + "--changesetresponse_2\nContent-Type: application/http\nContent-ID: 7\n\nHTTP/1.1 404 Not Found\n"
                + "Content-Type: application/json\n\n{\"error\":{\"code\":\"0x80040217\",\"message\":\"gone\"}}\n"
                + "--changesetresponse_2--\n--batchresponse_1--\n";
        var parts = dev.sluice.dataverse.internal.batch.MultipartReader.read(null,
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).status()).isEqualTo(204);
        assertThat(BatchRunner.idOf(parts.get(0).header("OData-EntityId").orElseThrow()))
                .isEqualTo(UUID.fromString("00000000-0000-0000-0000-000000000001"));
        assertThat(parts.get(1).changeSet()).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(404);
            assertThat(p.header("Content-ID")).hasValue("7");
            assertThat(new String(p.body())).contains("0x80040217");
        });
    }
}
