package dev.sluice.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.WriteMode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.FaultSpec;
import dev.sluice.emulator.ThrottleReason;
import dev.sluice.testing.WithEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithEmulator(noAuth = true)
class BulkTest {
    static final String CREATE_MULTIPLE = "/api/data/v9.2/leads/Microsoft.Dynamics.CRM.CreateMultiple";
    static Emulator emulator;
    static DataverseClient client;
    static final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void connect() {
        client = Clients.recording(emulator, "bulk-test", waits);
        client.metadata("lead");
    }

    @AfterEach
    void clearFaults() {
        emulator.faults().clear();
    }

    static List<Map<String, Object>> leads(String subject, int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Map.of("lastname", "lead " + i, "subject", subject));
        }
        return out;
    }

    static long count(String subject) {
        return client.query(Query.table("lead").select("leadid").where(Filter.eq("subject", subject))).stream()
                .count();
    }

    @Test
    void createMultipleChunksTheInputAndReturnsEveryNewIdInInputOrder() {
        emulator.stats().reset();
        BulkResult result = client.createMultiple("lead", leads("bulk chunks", 2500));

        assertThat(result.outcomes()).hasSize(2500);
        assertThat(result.failures()).isEmpty();
        assertThat(result.outcomes()).extracting(BulkOutcome::index).isSorted();
        assertThat(new HashSet<>(result.outcomes().stream().map(BulkOutcome::id).toList())).hasSize(2500);
        assertThat(Clients.requests(emulator, "CreateMultiple")).hasSize(3);
        assertThat(count("bulk chunks")).isEqualTo(2500);
        Row r = client.get("lead", RecordKey.of(result.outcome(1234).id()), "lastname").orElseThrow();
        assertThat(r.getString("lastname")).isEqualTo("lead 1234");
    }

    @Test
    void aChunkWithOneBadRecordIsSplitSoEveryGoodRecordIsWrittenOnce() {
        List<Map<String, Object>> input = new ArrayList<>(leads("bulk split", 100));
        Map<String, Object> bad = new HashMap<>(input.get(37));
        bad.put("subject", "x".repeat(301)); // Dataverse: lead.subject holds at most 300 characters
        input.set(37, bad);

        BulkResult result = client.createMultiple("lead", input, BulkOptions.DEFAULTS.withChunkSize(50));

        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(37);
            assertThat(f.errorKind()).isEqualTo(ErrorKind.INVALID_INPUT);
            assertThat(f.message()).contains("subject");
        });
        assertThat(result.succeeded()).isEqualTo(99);
        assertThat(count("bulk split")).isEqualTo(99);
    }

    @Test
    void upsertMultipleByAlternateKeyCreatesThenUpdatesWithoutDuplicates() {
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            accounts.add(Map.of("accountnumber", "UPS-" + i, "name", "first " + i));
        }
        BulkResult first = client.upsertMultiple("account", List.of("accountnumber"), accounts);
        List<Map<String, Object>> again = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            again.add(Map.of("accountnumber", "UPS-" + i, "name", "second " + i));
        }
        BulkResult second = client.upsertMultiple("account", List.of("accountnumber"), again,
                BulkOptions.DEFAULTS.withChunkSize(7));

        assertThat(first.failures()).isEmpty();
        assertThat(second.failures()).isEmpty();
        assertThat(second.outcomes()).allSatisfy(o -> assertThat(o.status()).isEqualTo(BulkOutcome.Status.UPSERTED));
        List<Row> rows = client.query(Query.table("account").select("name")
                .where(Filter.startsWith("accountnumber", "UPS-"))).stream().toList();
        assertThat(rows).hasSize(30).allSatisfy(r -> assertThat(r.getString("name")).startsWith("second "));
    }

    @Test
    void updateMultipleByPrimaryKeyReportsTheMissingRowAndUpdatesTheRest() {
        BulkResult created = client.createMultiple("lead", leads("bulk update", 10));
        List<Map<String, Object>> updates = new ArrayList<>();
        for (BulkOutcome o : created.outcomes()) {
            updates.add(Map.of("leadid", o.id(), "subject", "bulk updated"));
        }
        UUID missing = UUID.randomUUID();
        updates.add(4, Map.of("leadid", missing, "subject", "bulk updated"));

        BulkResult result = client.updateMultiple("lead", updates);

        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(4);
            assertThat(f.errorKind()).isEqualTo(ErrorKind.NOT_FOUND);
            assertThat(f.errorCode()).isEqualTo("0x80040217");
        });
        assertThat(result.outcome(0).status()).isEqualTo(BulkOutcome.Status.UPDATED);
        assertThat(result.outcome(0).id()).isEqualTo(created.outcome(0).id());
        assertThat(count("bulk updated")).isEqualTo(10);
    }

    @Test
    void aThrottleStormIsWaitedOutAndNothingIsLostOrDuplicated() {
        waits.clear();
        emulator.faults().add(FaultSpec.throttle(ThrottleReason.REQUESTS, Duration.ofSeconds(3)).times(4)
                .method("POST").pathPrefix(CREATE_MULTIPLE));
        emulator.stats().reset();

        BulkResult result = client.createMultiple("lead", leads("bulk storm", 300),
                BulkOptions.DEFAULTS.withChunkSize(100).withMaxParallel(1));

        assertThat(result.failures()).isEmpty();
        assertThat(count("bulk storm")).isEqualTo(300);
        assertThat(Clients.requests(emulator, "CreateMultiple")).hasSize(3 + 4);
        assertThat(waits).contains(Duration.ofSeconds(3));
    }

    @Test
    void a503IsRetriedEvenForCreateMultipleBecauseNothingWasProcessed() {
        emulator.faults().add(FaultSpec.status(503).times(2).method("POST").pathPrefix(CREATE_MULTIPLE));
        BulkResult result = client.createMultiple("lead", leads("bulk 503", 20));
        assertThat(result.failures()).isEmpty();
        assertThat(count("bulk 503")).isEqualTo(20);
    }

    @Test
    void aDroppedCreateMultipleIsResentAndItsRowsAreWrittenOnce() {
        emulator.faults().add(FaultSpec.dropBeforeResponse().times(1).method("POST").pathPrefix(CREATE_MULTIPLE));
        emulator.stats().reset();
        BulkResult result = client.createMultiple("lead", leads("bulk dropped", 5));
        // the service wrote the chunk, but the answer was lost: the resend carries the same ids and finds them
        assertThat(result.failures()).isEmpty();
        assertThat(Clients.requests(emulator, "CreateMultiple")).hasSize(2);
        assertThat(count("bulk dropped")).isEqualTo(5);
    }

    @Test
    void theStreamingWriterFlushesChunksAndReportsEveryRecord() {
        List<BulkOutcome> seen = new CopyOnWriteArrayList<>();
        try (BulkWriter w = client.bulkWriter("lead", WriteMode.CREATE, List.of(), BulkOptions.DEFAULTS.withChunkSize(
                40), seen::add)) {
            for (Map<String, Object> r : leads("bulk stream", 250)) {
                w.add(r);
            }
            assertThat(w.added()).isEqualTo(250);
        }
        assertThat(seen).hasSize(250).noneMatch(BulkOutcome::failed);
        assertThat(seen.stream().map(BulkOutcome::index).distinct().count()).isEqualTo(250);
        assertThat(count("bulk stream")).isEqualTo(250);
    }

    @Test
    void deletesGoAsContinueOnErrorBatchesWithAnOutcomeEach() {
        BulkResult created = client.createMultiple("lead", leads("bulk delete", 6));
        List<Map<String, Object>> keys = new ArrayList<>();
        created.outcomes().forEach(o -> keys.add(Map.of("leadid", o.id())));
        keys.add(2, Map.of("leadid", UUID.randomUUID()));
        List<BulkOutcome> seen = new CopyOnWriteArrayList<>();
        try (BulkWriter w = client.bulkWriter("lead", WriteMode.DELETE, List.of(), BulkOptions.DEFAULTS, seen::add)) {
            keys.forEach(w::add);
        }
        assertThat(seen).hasSize(7);
        assertThat(seen).filteredOn(BulkOutcome::failed).singleElement()
                .satisfies(f -> assertThat(f.index()).isEqualTo(2));
        assertThat(count("bulk delete")).isZero();
    }
}
