package dev.sluice.dataverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.auth.AccessToken;
import dev.sluice.auth.TokenCredential;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.core.WriteMode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.FaultSpec;
import dev.sluice.testing.WithEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No write lost or doubled whatever the network does: creates carry client-assigned ids, so every write is
 * resent after a dropped connection or a 5xx, and what the resend is told is reconciled.
 */
@WithEmulator(noAuth = true)
class ExactlyOnceTest {
    static final String API = "/api/data/v9.2/";
    static Emulator emulator;
    static DataverseClient client;
    static final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void connect() {
        client = Clients.recording(emulator, "exactly-once", waits);
        client.metadata("lead");
        client.metadata("contact");
    }

    @AfterEach
    void clear() {
        emulator.faults().clear();
        waits.clear();
    }

    static List<Map<String, Object>> leads(String subject, int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("lastname", subject + " " + i);
            r.put("subject", subject);
            r.put("estimatedamount", new java.math.BigDecimal("1234.5"));
            out.add(r);
        }
        return out;
    }

    static long leads(String subject) {
        return client.query(Query.table("lead").select("leadid").where(Filter.eq("subject", subject))).stream().count();
    }

    static long distinctLastnames(String subject) {
        return client.query(Query.table("lead").select("lastname").where(Filter.eq("subject", subject))).stream()
                .map(r -> r.getString("lastname")).distinct().count();
    }

    @Test
    void aCreateMultipleWhoseAnswerIsLostIsResentAndEveryRowExistsOnce() {
        emulator.faults().add(FaultSpec.dropBeforeResponse().method("POST").pathRegex("CreateMultiple$"));
        emulator.stats().reset();
        BulkResult result = client.createMultiple("lead", leads("lost answer", 5));

        assertThat(result.failures()).isEmpty();
        assertThat(result.outcomes()).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(BulkOutcome.Status.CREATED);
            assertThat(o.id()).isNotNull();
        });
        // the lost one, the resend (told the ids exist), and one read of the rows by id
        assertThat(Clients.requests(emulator, "CreateMultiple")).hasSize(2);
        assertThat(Clients.requests(emulator, "leads?")).hasSize(1);
        assertThat(leads("lost answer")).isEqualTo(5);
    }

    @Test
    void aConnectionDroppedMidBodyOrAGatewayErrorIsResentWithoutDoublingRows() {
        emulator.faults().add(FaultSpec.dropMidBody().method("POST").pathRegex("CreateMultiple$"));
        emulator.faults().add(FaultSpec.status(502).method("POST").pathRegex("CreateMultiple$"));
        emulator.faults().add(FaultSpec.status(504).method("POST").pathRegex("CreateMultiple$"));
        BulkResult result = client.createMultiple("lead", leads("mid body", 30), BulkOptions.DEFAULTS.withChunkSize(10)
                .withMaxParallel(1));
        assertThat(result.failures()).isEmpty();
        assertThat(leads("mid body")).isEqualTo(30);
        assertThat(distinctLastnames("mid body")).isEqualTo(30);
    }

    @Test
    void aRerunWithTheSameIdsFindsItsRowsAndCreatesNothing() {
        List<Map<String, Object>> records = leads("rerun", 4);
        records.forEach(r -> r.put("leadid", UUID.randomUUID()));
        assertThat(client.createMultiple("lead", records).outcomes())
                .allSatisfy(o -> assertThat(o.status()).isEqualTo(BulkOutcome.Status.CREATED));

        BulkResult again = client.createMultiple("lead", records);

        assertThat(again.outcomes()).allSatisfy(o -> assertThat(o.status()).isEqualTo(BulkOutcome.Status.UNCHANGED));
        assertThat(again.outcomes()).extracting(BulkOutcome::id)
                .containsExactlyElementsOf(records.stream().map(r -> (UUID) r.get("leadid")).toList());
        assertThat(leads("rerun")).isEqualTo(4);
    }

    @Test
    void anExistingIdWithOtherValuesIsAConflictForThatRecordOnly() {
        UUID taken = client.create("lead", Map.of("lastname", "someone else", "subject", "taken id"));
        List<Map<String, Object>> records = leads("taken id", 3);
        records.get(1).put("leadid", taken);

        BulkResult result = client.createMultiple("lead", records);

        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(1);
            assertThat(f.errorKind()).isEqualTo(ErrorKind.CONFLICT);
            assertThat(f.message()).isEqualTo("a lead with id " + taken + " already exists with another 'lastname'; "
                    + "it was left as it is");
        });
        assertThat(leads("taken id")).isEqualTo(3);
        assertThat(client.get("lead", RecordKey.of(taken), "lastname").orElseThrow().getString("lastname"))
                .isEqualTo("someone else");
    }

    @Test
    void aFlakyNetworkDroppingOneRequestInTenLosesAndDoublesNothing() {
        emulator.faults().add(FaultSpec.dropBeforeResponse().fraction(0.1).during(Duration.ofMinutes(5))
                .pathPrefix(API + "leads"));
        emulator.faults().add(FaultSpec.dropMidBody().fraction(0.1).during(Duration.ofMinutes(5))
                .pathPrefix(API + "leads"));
        BulkResult result = client.createMultiple("lead", leads("flaky", 2000), BulkOptions.DEFAULTS.withChunkSize(50));
        emulator.faults().clear();

        assertThat(result.failures()).isEmpty();
        assertThat(result.outcomes()).allSatisfy(o -> assertThat(o.status()).isEqualTo(BulkOutcome.Status.CREATED));
        assertThat(leads("flaky")).isEqualTo(2000);
        assertThat(distinctLastnames("flaky")).isEqualTo(2000);
    }

    @Test
    void keyedWritesThatReadFirstSayCreatedUpdatedOrUnchangedAndSendOnlyWhatDiffers() {
        BulkOptions reading = BulkOptions.DEFAULTS.withSkipUnchanged(true);
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            contacts.add(new LinkedHashMap<>(Map.of("emailaddress1", "Read-" + i + "@example.test", "lastname",
                    "Reader " + i, "numberofchildren", i)));
        }
        assertThat(client.upsertMultiple("contact", List.of("emailaddress1"), contacts, reading).outcomes())
                .extracting(BulkOutcome::status).containsOnly(BulkOutcome.Status.CREATED);

        emulator.stats().reset();
        BulkResult same = client.upsertMultiple("contact", List.of("emailaddress1"), contacts, reading);
        assertThat(same.outcomes()).extracting(BulkOutcome::status).containsOnly(BulkOutcome.Status.UNCHANGED);
        assertThat(same.outcomes()).allSatisfy(o -> assertThat(o.id()).isNotNull());
        assertThat(Clients.requests(emulator, "UpsertMultiple")).isEmpty();

        // a key in another case is the same row (Dataverse compares text without regard to case)
        contacts.get(1).put("lastname", "Renamed");
        contacts.get(2).put("emailaddress1", "READ-2@EXAMPLE.TEST");
        BulkResult changed = client.upsertMultiple("contact", List.of("emailaddress1"), contacts, reading);
        assertThat(changed.outcomes()).extracting(BulkOutcome::status).containsExactly(BulkOutcome.Status.UNCHANGED,
                BulkOutcome.Status.UPDATED, BulkOutcome.Status.UNCHANGED);

        List<Map<String, Object>> missing = List.of(Map.of("emailaddress1", "nobody@example.test", "lastname", "x"));
        assertThat(client.updateMultiple("contact", missing.stream().map(LinkedHashMap<String, Object>::new).toList(),
                reading).outcomes()).isNotEmpty();
        List<BulkOutcome> seen = new CopyOnWriteArrayList<>();
        try (BulkWriter w = client.bulkWriter("contact", WriteMode.UPDATE, List.of("emailaddress1"), reading, seen::add)) {
            missing.forEach(w::add);
        }
        assertThat(seen).singleElement().satisfies(o -> {
            assertThat(o.errorKind()).isEqualTo(ErrorKind.NOT_FOUND);
            assertThat(o.message()).isEqualTo("no contact has this emailaddress1; nothing was written");
        });
    }

    static List<Map<String, Object>> contacts(String prefix, int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new LinkedHashMap<>(Map.of("emailaddress1", prefix + "-" + i + "@example.test", "lastname",
                    prefix + " " + i)));
        }
        return out;
    }

    static long contacts(String prefix) {
        return client.query(Query.table("contact").select("emailaddress1").where(Filter.startsWith("emailaddress1",
                prefix + "-"))).stream().map(r -> r.getString("emailaddress1").toLowerCase()).distinct().count();
    }

    @Test
    void keyedWritesThatReadFirstCreateNewRowsWithoutReadingOnceAReadFoundNoneOfAChunk() {
        BulkOptions reading = BulkOptions.DEFAULTS.withSkipUnchanged(true).withChunkSize(10).withMaxParallel(1);
        emulator.stats().reset();

        BulkResult result = client.upsertMultiple("contact", List.of("emailaddress1"), contacts("fresh", 50), reading);

        assertThat(result.outcomes()).extracting(BulkOutcome::status).containsOnly(BulkOutcome.Status.CREATED);
        assertThat(result.outcomes().subList(10, 50)).allSatisfy(o -> assertThat(o.id()).isNotNull());
        // the first chunk is read (nothing there) and upserted; the other four go as CreateMultiple, unread
        assertThat(Clients.requests(emulator, "contacts?")).hasSize(1);
        assertThat(Clients.requests(emulator, "UpsertMultiple")).hasSize(1);
        assertThat(Clients.requests(emulator, "CreateMultiple")).hasSize(4)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(contacts("fresh")).isEqualTo(50);
    }

    @Test
    void aChunkOfNewRowsWithOneThatExistsIsReadAndWritesOnlyWhatDiffers() {
        BulkOptions reading = BulkOptions.DEFAULTS.withSkipUnchanged(true).withChunkSize(10).withMaxParallel(1);
        List<Map<String, Object>> rows = contacts("mixed", 30);
        client.upsertMultiple("contact", List.of("emailaddress1"), List.of(rows.get(25)), reading);
        emulator.stats().reset();

        BulkResult result = client.upsertMultiple("contact", List.of("emailaddress1"), rows, reading);

        assertThat(result.failures()).isEmpty();
        assertThat(result.outcomes()).extracting(BulkOutcome::status).filteredOn(s -> s != BulkOutcome.Status.CREATED)
                .containsExactly(BulkOutcome.Status.UNCHANGED);
        assertThat(result.outcomes().get(25).status()).isEqualTo(BulkOutcome.Status.UNCHANGED);
        // chunk 1 read; chunk 2 created unread; chunk 3 refused as CreateMultiple (row 25 exists), read, upserted
        assertThat(Clients.requests(emulator, "CreateMultiple")).extracting(r -> r.status())
                .containsExactly(200, 412);
        assertThat(Clients.requests(emulator, "contacts?")).hasSize(2);
        assertThat(contacts("mixed")).isEqualTo(30);
    }

    @Test
    void aCreateMultipleOfNewKeyedRowsWhoseAnswerIsLostCountsItsRowsCreatedOnce() {
        BulkOptions reading = BulkOptions.DEFAULTS.withSkipUnchanged(true).withChunkSize(10).withMaxParallel(1);
        emulator.stats().reset();
        emulator.faults().add(FaultSpec.dropBeforeResponse().method("POST").pathRegex("CreateMultiple$"));

        BulkResult result = client.upsertMultiple("contact", List.of("emailaddress1"), contacts("lostnew", 20),
                reading);

        assertThat(result.failures()).isEmpty();
        assertThat(result.outcomes()).extracting(BulkOutcome::status).containsOnly(BulkOutcome.Status.CREATED);
        // the second chunk's CreateMultiple wrote its rows, its answer was lost; the resend was refused (they
        // exist) and the read found every one with the values sent: the lost attempt's work
        assertThat(Clients.requests(emulator, "CreateMultiple")).hasSize(2);
        assertThat(result.outcomes().subList(10, 20)).allSatisfy(o -> assertThat(o.id()).isNotNull());
        assertThat(contacts("lostnew")).isEqualTo(20);
    }

    @Test
    void aSingleCreateWhoseAnswerIsLostReturnsTheIdOfTheOneRowItMade() {
        emulator.faults().add(FaultSpec.dropBeforeResponse().method("POST").pathPrefix(API + "leads"));
        UUID id = client.create("lead", Map.of("lastname", "single lost", "subject", "single lost"));
        assertThat(leads("single lost")).isEqualTo(1);
        assertThat(client.get("lead", RecordKey.of(id), "lastname").orElseThrow().getString("lastname"))
                .isEqualTo("single lost");

        Map<String, Object> again = Map.of("leadid", id, "lastname", "single lost", "subject", "single lost");
        assertThat(client.create("lead", again)).isEqualTo(id);
        assertThatThrownBy(() -> client.create("lead", Map.of("leadid", id, "lastname", "another", "subject",
                "single lost"))).isInstanceOfSatisfying(DataverseException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT);
                    assertThat(e.getMessage()).contains("already exists with another 'lastname'");
                });
        assertThat(leads("single lost")).isEqualTo(1);
    }

    @Test
    void aDeleteWhoseAnswerIsLostIsDoneWhenTheResendFindsTheRowGone() {
        UUID id = client.create("lead", Map.of("lastname", "to delete"));
        emulator.faults().add(FaultSpec.dropBeforeResponse().method("DELETE"));
        client.delete("lead", RecordKey.of(id));
        assertThat(client.get("lead", RecordKey.of(id))).isEmpty();
        assertThatThrownBy(() -> client.delete("lead", RecordKey.of(id)))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    void aBatchWhoseAnswerIsLostIsResentAndEachOperationHappensOnce() {
        UUID doomed = client.create("lead", Map.of("lastname", "batch doomed", "subject", "batch lost"));
        Batch batch = new Batch();
        BatchRef a = batch.create("lead", Map.of("lastname", "batch a", "subject", "batch lost"));
        ChangeSet cs = batch.changeSet();
        BatchRef parent = cs.create("account", Map.of("name", "batch lost parent"));
        BatchRef child = cs.create("contact", Map.of("lastname", "batch lost child", "parentcustomerid_account",
                parent));
        BatchRef gone = batch.delete("lead", RecordKey.of(doomed));
        BatchRef b = batch.create("lead", Map.of("lastname", "batch b", "subject", "batch lost"));
        emulator.faults().add(FaultSpec.dropBeforeResponse().method("POST").pathRegex("\\$batch$"));

        BatchResult result = client.batch(batch);

        assertThat(result.allSucceeded()).as(result.failures().toString()).isTrue();
        assertThat(leads("batch lost")).isEqualTo(2);
        assertThat(client.query(Query.table("account").select("accountid").where(Filter.eq("name",
                "batch lost parent"))).stream().count()).isEqualTo(1);
        assertThat(client.get("contact", RecordKey.of(result.outcome(child).id()), "lastname")).isPresent();
        assertThat(result.outcome(gone).succeeded()).isTrue();
        assertThat(result.outcome(a).alreadyWritten()).isFalse();
        assertThat(client.get("lead", RecordKey.of(result.outcome(b).id()), "lastname").orElseThrow()
                .getString("lastname")).isEqualTo("batch b");
    }

    @Test
    void aBatchThatStopsAtACreateAlreadyWrittenGoesOnWithTheRest() {
        UUID id = UUID.randomUUID();
        client.create("lead", Map.of("leadid", id, "lastname", "written before", "subject", "stop and go"));
        Batch batch = new Batch();
        BatchRef again = batch.create("lead", Map.of("leadid", id, "lastname", "written before", "subject",
                "stop and go"));
        BatchRef next = batch.create("lead", Map.of("lastname", "after it", "subject", "stop and go"));

        BatchResult result = client.batch(batch);

        assertThat(result.allSucceeded()).isTrue();
        assertThat(result.outcome(again).alreadyWritten()).isTrue();
        assertThat(result.outcome(next).alreadyWritten()).isFalse();
        assertThat(leads("stop and go")).isEqualTo(2);
    }

    @Test
    void aWriteWaitsForTheIdentityProviderInsteadOfFailing() {
        // more refusals than the ten attempts a request gets: requests never sent do not use up attempts
        AtomicInteger outages = new AtomicInteger(12);
        TokenCredential credential = new TokenCredential() {
            @Override
            public AccessToken token() {
                if (outages.getAndDecrement() > 0) {
                    throw new SluiceException(ErrorKind.TRANSIENT, "the identity provider answered 503");
                }
                return new AccessToken(Secret.of("t"), Instant.now().plusSeconds(3600));
            }

            @Override
            public String identity() {
                return "exactly-once-idp";
            }
        };
        DataverseClient c = DataverseClient.builder().orgUrl(emulator.orgUrl()).sleeper(waits::add)
                .credential(credential).build();
        emulator.stats().reset();
        UUID id = c.create("lead", Map.of("lastname", "after the outage", "subject", "idp outage"));
        assertThat(id).isNotNull();
        assertThat(leads("idp outage")).isEqualTo(1);
        // twelve refusals to give a token: twelve waits, growing but at most 5 s apart, and the create sent once
        assertThat(waits).hasSize(12).allMatch(d -> d.compareTo(Duration.ofSeconds(5)) <= 0);
        assertThat(waits.get(11)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Clients.requests(emulator, API + "leads").stream().filter(r -> r.method().equals("POST")))
                .hasSize(1);
    }
}
