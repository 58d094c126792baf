package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.SluiceException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Flow runs as the server steers them, sealed dead letters, and the keys of full reads, on H2 and PostgreSQL. */
@ExtendWith(StoreExtension.class)
class FlowStoreTest {
    private static final String RECORD = "{\"email\":\"ada@example.com\",\"name\":\"Ada\"}";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRunRecordsWhoStartedItItsProgressAndItsEnd(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(backend);
        FlowStore flows = f.open().flows();
        FlowRun run = flows.startRun("people", false, "alice", "on demand");
        flows.describeRun(run.id(), 1000L, "where: pushed down 'age > 17'");
        f.clock().advance(Duration.ofSeconds(2));
        boolean stop = flows.saveChunk(run.id(), "people", "{}", new FlowCounts(500, 400, 50, 50, 0, 3), List.of());

        FlowRun seen = flows.run("people", run.id()).orElseThrow();
        assertThat(stop).isFalse();
        assertThat(seen.startedBy()).isEqualTo("alice");
        assertThat(seen.startedVia()).isEqualTo("on demand");
        assertThat(seen.expected()).isEqualTo(1000L);
        assertThat(seen.detail()).isEqualTo("where: pushed down 'age > 17'");
        assertThat(seen.counts().deleted()).isEqualTo(3);
        assertThat(seen.counts().written()).isEqualTo(453);
        assertThat(seen.running()).isTrue();
        assertThat(seen.rate(f.clock().instant())).isEqualTo(250.0);
        assertThat(seen.etaSeconds(f.clock().instant())).hasValue(2);

        flows.finishRun(run.id(), FlowRun.SUCCEEDED, new FlowCounts(1000, 800, 100, 100, 0, 3, 50), null);
        FlowRun done = flows.run("people", run.id()).orElseThrow();
        assertThat(done.status()).isEqualTo("succeeded");
        assertThat(done.counts()).isEqualTo(new FlowCounts(1000, 800, 100, 100, 0, 3, 50));
        assertThat(done.counts().written()).isEqualTo(953);
        assertThat(done.etaSeconds(f.clock().instant())).isEmpty();
        assertThat(flows.lastSucceeded("people")).map(FlowRun::id).contains(run.id());
        assertThat(flows.run("other", run.id())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCancelRequestIsAnsweredByTheNextChunkSaveAndOnlyForARunningRun(Backend backend,
            StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(backend);
        FlowStore flows = f.open().flows();
        FlowRun run = flows.startRun("people", false, "alice", "on demand");
        assertThat(flows.cancelRequested(run.id())).isFalse();

        FlowRun asked = flows.requestCancel("people", run.id(), "bob").orElseThrow();
        assertThat(asked.cancelRequestedBy()).isEqualTo("bob");
        assertThat(asked.cancelRequestedAt()).isNotNull();
        assertThat(flows.saveChunk(run.id(), "people", "{\"offset\":50}", new FlowCounts(50, 50, 0, 0, 0), List.of()))
                .isTrue();
        assertThat(flows.checkpoint("people")).contains("{\"offset\":50}");

        FlowRun finished = flows.startRun("people", false, "alice", "on demand");
        flows.finishRun(finished.id(), FlowRun.SUCCEEDED, FlowCounts.ZERO, null);
        assertThat(flows.requestCancel("people", finished.id(), "bob").orElseThrow().cancelRequestedAt()).isNull();
        assertThat(flows.requestCancel("people", UUID.randomUUID(), "bob")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deadLettersAreStoredOnlyEncryptedAndDoNotDecryptUnderAnotherFlow(Backend backend,
            StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(backend);
        FlowStore flows = f.open().flows();
        FlowRun run = flows.startRun("people", false);
        flows.saveChunk(run.id(), "people", null, FlowCounts.ZERO,
                List.of(new FlowStore.NewDeadLetter(RECORD, "INVALID_INPUT", "map 'age': not a number")));

        assertThat(flows.deadLetters("people")).singleElement().satisfies(d -> {
            assertThat(d.source()).isEqualTo(RECORD);
            assertThat(d.toString()).doesNotContain("ada@example.com");
        });
        String stored = f.sql(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT source, key_id, ciphertext FROM flow_dead_letters")) {
                rs.next();
                return rs.getString(1) + "|" + rs.getInt(2) + "|" + new String(rs.getBytes(3),
                        java.nio.charset.StandardCharsets.ISO_8859_1);
            }
        });
        assertThat(stored).startsWith("null|").doesNotContain("ada@example.com");

        f.sql(c -> c.createStatement().executeUpdate("UPDATE flow_dead_letters SET flow = 'stolen'"));
        assertThatThrownBy(() -> flows.deadLetters("stolen")).isInstanceOf(SluiceException.class)
                .hasMessageContaining("dead-letter of flow:stolen").hasMessageNotContaining("ada@example.com");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deadLettersAnEarlierVersionKeptInClearAreSealedWhenTheStoreOpens(Backend backend,
            StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(backend);
        SluiceStore first = f.open();
        FlowRun run = first.flows().startRun("people", false);
        first.close();
        f.sql(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO flow_dead_letters (id, flow, run_id, source, "
                    + "error_kind, message, attempts, created_at, updated_at) VALUES (?, 'people', ?, ?, 'CONFLICT', "
                    + "'duplicate', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
                st.setObject(1, UUID.randomUUID());
                st.setObject(2, run.id());
                st.setString(3, RECORD);
                return st.executeUpdate();
            }
        });

        FlowStore flows = f.open().flows();
        assertThat(flows.deadLetters("people")).singleElement().extracting(DeadLetter::source).isEqualTo(RECORD);
        int sealed = f.sql(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM "
                    + "flow_dead_letters WHERE source IS NULL AND ciphertext IS NOT NULL")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(sealed).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theKeysOfAFullReadComeBackInChunkOrderAcrossPagesAndOldGenerationsCanBeDropped(Backend backend,
            StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(backend);
        FlowStore flows = f.open().flows();
        FlowRun old = flows.startRun("people", false);
        FlowRun now = flows.startRun("people", false);
        flows.saveChunk(old.id(), "people", null, FlowCounts.ZERO, List.of(), new FlowStore.ChunkKeys(old.id(), 0,
                "[[\"old\"]]"));
        for (int seq = 44; seq >= 0; seq--) {
            flows.saveChunk(now.id(), "people", null, FlowCounts.ZERO, List.of(), new FlowStore.ChunkKeys(now.id(),
                    seq, "[[" + seq + "]]"));
        }
        flows.saveChunk(now.id(), "people", null, FlowCounts.ZERO, List.of(), new FlowStore.ChunkKeys(now.id(), 3,
                "[[3]]"));

        List<String> seen = new ArrayList<>();
        flows.forEachChunkKeys("people", now.id(), seen::add);
        assertThat(seen).hasSize(45).startsWith("[[0]]", "[[1]]").endsWith("[[44]]");
        flows.deleteKeysExcept("people", now.id());
        List<String> gone = new ArrayList<>();
        flows.forEachChunkKeys("people", old.id(), gone::add);
        assertThat(gone).isEmpty();
        flows.deleteKeysExcept("people", null);
        seen.clear();
        flows.forEachChunkKeys("people", now.id(), seen::add);
        assertThat(seen).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void reencryptionAfterARotationCoversDeadLettersAndKeys(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(backend);
        SluiceStore store = f.open();
        FlowRun run = store.flows().startRun("people", false);
        store.flows().saveChunk(run.id(), "people", null, FlowCounts.ZERO,
                List.of(new FlowStore.NewDeadLetter(RECORD, "INVALID_INPUT", "bad")),
                new FlowStore.ChunkKeys(run.id(), 0, "[[1]]"));
        long old = store.keyset().list().get(0).id();
        store.keyset().rotate();
        assertThat(store.keyset().reencrypt()).isEqualTo(2);
        store.keyset().delete(old);

        assertThat(store.flows().deadLetters("people")).singleElement().extracting(DeadLetter::source).isEqualTo(RECORD);
        List<String> keys = new ArrayList<>();
        store.flows().forEachChunkKeys("people", run.id(), keys::add);
        assertThat(keys).containsExactly("[[1]]");
    }
}
