package dev.sluice.server.internal;

import dev.sluice.store.ClusterNode;
import dev.sluice.store.FlowRun;
import dev.sluice.store.SluiceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A node of the cluster as the Nodes page and {@code GET /api/v1/nodes} show it: what it is, whether it is alive, and
 * the runs it holds. Immutable.
 *
 * @param node the node as registered, with its last heartbeat
 * @param alive whether its last heartbeat is within its lease and it has not stopped
 * @param self whether it is the node answering this request
 * @param runs the runs it holds now
 */
public record NodeView(ClusterNode node, boolean alive, boolean self, List<FlowRun> runs) {
    public NodeView {
        runs = List.copyOf(runs);
    }

    /** Every node the cluster knows, with the runs each holds; and the runs no node holds yet (key: null). */
    static Cluster of(SluiceStore store, String self, Instant now) {
        List<FlowRun> active = store.runLeases().active();
        Map<String, List<FlowRun>> byNode = active.stream().filter(r -> r.node() != null)
                .collect(Collectors.groupingBy(FlowRun::node));
        List<NodeView> nodes = new ArrayList<>();
        for (ClusterNode n : store.nodes().list()) {
            nodes.add(new NodeView(n, !n.gone(now), n.name().equals(self), byNode.getOrDefault(n.name(), List.of())));
        }
        return new Cluster(nodes, active.stream().filter(r -> r.node() == null).toList());
    }

    /** The nodes, and the runs queued for the first node with room. */
    public record Cluster(List<NodeView> nodes, List<FlowRun> waiting) {}
}
