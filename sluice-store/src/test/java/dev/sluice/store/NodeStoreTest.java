package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The cluster's nodes: registration, heartbeats, and one live process per name. */
@ExtendWith(StoreExtension.class)
class NodeStoreTest {
    static ClusterNode node(String name, UUID instance) {
        return new ClusterNode(name, instance, "1.0", "14", "http://127.0.0.1:8080", ClusterNode.RUNNING, 4,
                Duration.ofSeconds(30), Instant.EPOCH, Instant.EPOCH);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aNodeRegistersAndHeartbeatsAndOthersSeeIt(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(backend);
        SluiceStore a = f.open();
        SluiceStore b = f.open();
        UUID me = UUID.randomUUID();
        ClusterNode registered = a.nodes().register(node("node-a", me));
        assertThat(registered.startedAt()).isEqualTo(f.clock().instant());

        f.clock().advance(Duration.ofSeconds(5));
        assertThat(a.nodes().heartbeat("node-a", me, ClusterNode.DRAINING)).isTrue();
        ClusterNode seen = b.nodes().get("node-a").orElseThrow();
        assertThat(seen.state()).isEqualTo(ClusterNode.DRAINING);
        assertThat(seen.heartbeatAt()).isEqualTo(f.clock().instant());
        assertThat(seen.version()).isEqualTo("1.0");
        assertThat(seen.runLimit()).isEqualTo(4);
        assertThat(seen.gone(f.clock().instant())).isFalse();
        assertThat(seen.gone(f.clock().instant().plusSeconds(30))).isTrue();
        assertThat(b.nodes().list()).extracting(ClusterNode::name).containsExactly("node-a");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSecondLiveProcessUnderTheSameNameIsRefusedUntilTheFirstIsGone(Backend backend,
            StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(backend);
        SluiceStore store = f.open();
        UUID first = UUID.randomUUID();
        store.nodes().register(node("node-a", first));

        assertThatThrownBy(() -> store.nodes().register(node("node-a", UUID.randomUUID())))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
                .hasMessage("a node named 'node-a' is already running (its last heartbeat was 0 s ago, at "
                        + "http://127.0.0.1:8080); give this one another --node-name, or, if that node is gone, start "
                        + "again after its lease of 30 s");
        f.clock().advance(Duration.ofSeconds(31));
        UUID second = UUID.randomUUID();
        store.nodes().register(node("node-a", second));
        assertThat(store.nodes().heartbeat("node-a", first, ClusterNode.RUNNING)).as("the old instance lost the name")
                .isFalse();
        assertThat(store.nodes().get("node-a").orElseThrow().instanceId()).isEqualTo(second);
    }
}
