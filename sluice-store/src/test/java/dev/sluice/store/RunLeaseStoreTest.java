package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Server runs held through leases: one active run per flow, takeovers, fencing of a node that lost its run. */
@ExtendWith(StoreExtension.class)
class RunLeaseStoreTest {
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aQueuedRunIsRecordedWithItsExecutionAndAFlowHasOneActiveRunAcrossNodes(Backend backend,
            StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(backend);
        SluiceStore a = f.open();
        SluiceStore b = f.open();
        FlowRun run = a.runLeases().queue("people", "alice", "on demand").orElseThrow();

        assertThat(run.running()).isTrue();
        assertThat(run.node()).isNull();
        assertThat(b.runLeases().queue("people", "bob", "on demand")).isEmpty();
        assertThat(b.runLeases().activeRun("people")).contains(run.id());
        String execution = f.sql(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT task_name, task_instance, "
                    + "picked FROM flow_run_leases")) {
                rs.next();
                return rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3);
            }
        });
        assertThat(execution).isEqualTo("sluice-flow-run " + run.id() + " false");

        a.flows().finishRun(run.id(), FlowRun.SUCCEEDED, FlowCounts.ZERO, null);
        assertThat(b.runLeases().activeRun("people")).isEmpty();
        assertThat(b.runLeases().queue("people", "bob", "on demand")).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRunTakenFromASilentNodeIsATakeoverAndTheOldHolderCanNoLongerWrite(Backend backend,
            StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(backend);
        SluiceStore one = f.open();
        SluiceStore two = f.open();
        FlowRun run = one.runLeases().queue("people", "scheduler", "schedule").orElseThrow();

        RunLease first = one.runLeases().acquire(run.id(), "node-a").orElseThrow();
        assertThat(first.takeover()).isFalse();
        one.runLeases().fence(first);
        one.flows().saveChunk(run.id(), "people", "{\"offset\":500}", new FlowCounts(500, 500, 0, 0, 0), List.of());

        RunLease second = two.runLeases().acquire(run.id(), "node-b").orElseThrow();
        assertThat(second.takeover()).isTrue();
        assertThat(second.takenOverFrom()).isEqualTo("node-a");
        assertThat(second.epoch()).isEqualTo(first.epoch() + 1);
        assertThat(one.runLeases().holds(first)).isFalse();

        assertThatThrownBy(() -> one.flows().saveChunk(run.id(), "people", "{\"offset\":1000}",
                new FlowCounts(1000, 1000, 0, 0, 0), List.of()))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
                .hasMessageContaining("held by another node now");
        assertThatThrownBy(() -> one.flows().finishRun(run.id(), FlowRun.FAILED, FlowCounts.ZERO, "zombie"))
                .hasMessageContaining("held by another node now");
        assertThat(two.flows().checkpoint("people")).contains("{\"offset\":500}");

        two.runLeases().fence(second);
        assertThat(two.flows().saveChunk(run.id(), "people", "{\"offset\":1000}", new FlowCounts(1000, 1000, 0, 0, 0),
                List.of())).isFalse();
        two.flows().finishRun(run.id(), FlowRun.SUCCEEDED, new FlowCounts(1000, 1000, 0, 0, 0), null);
        FlowRun done = two.flows().run("people", run.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(FlowRun.SUCCEEDED);
        assertThat(done.node()).isEqualTo("node-b");
        assertThat(done.takeovers()).isEqualTo(1);
        assertThat(done.takenOverAt()).isNotNull();
        assertThat(done.counts().read()).isEqualTo(1000);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aReleasedRunWaitsForTheNextNodeWithoutCountingATakeover(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(backend);
        SluiceStore store = f.open();
        FlowRun run = store.runLeases().queue("people", "alice", "on demand").orElseThrow();
        RunLease lease = store.runLeases().acquire(run.id(), "node-a").orElseThrow();
        assertThat(store.runLeases().active()).extracting(FlowRun::node).containsExactly("node-a");

        assertThat(store.runLeases().release(lease)).isTrue();
        assertThat(store.flows().run("people", run.id()).orElseThrow().node()).isNull();
        RunLease next = store.runLeases().acquire(run.id(), "node-b").orElseThrow();
        assertThat(next.takeover()).isFalse();
        assertThat(store.runLeases().release(lease)).as("an old lease releases nothing").isFalse();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aQueuedRunIsCancelledAtOnceAndAnEndedRunCannotBeTaken(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(backend);
        SluiceStore store = f.open();
        FlowRun run = store.runLeases().queue("people", "alice", "on demand").orElseThrow();

        assertThat(store.runLeases().cancelQueued(run.id(), "cancelled before it started")).isTrue();
        FlowRun seen = store.flows().run("people", run.id()).orElseThrow();
        assertThat(seen.status()).isEqualTo(FlowRun.CANCELLED);
        assertThat(seen.message()).isEqualTo("cancelled before it started");
        assertThat(store.runLeases().acquire(run.id(), "node-a")).isEmpty();
        assertThat(store.runLeases().activeRun("people")).isEmpty();

        FlowRun held = store.runLeases().queue("people", "alice", "on demand").orElseThrow();
        store.runLeases().acquire(held.id(), "node-a").orElseThrow();
        assertThat(store.runLeases().cancelQueued(held.id(), "x")).as("a held run stops at a chunk boundary").isFalse();
    }
}
