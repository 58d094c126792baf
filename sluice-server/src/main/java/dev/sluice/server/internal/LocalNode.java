package dev.sluice.server.internal;

import dev.sluice.store.ClusterNode;
import dev.sluice.store.NodeStore;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server as a node of the cluster on its store: registered under its name when it starts, a heartbeat every
 * quarter of its lease, {@code running} until it is asked to stop, then {@code draining} (it takes no new runs and
 * gives its runs back at their next chunk boundary) and {@code stopped}. Thread-safe.
 */
public final class LocalNode {
    private static final Logger LOG = LoggerFactory.getLogger(LocalNode.class);

    private final NodeStore nodes;
    private final Clock clock;
    private final String name;
    private final UUID instance = UUID.randomUUID();
    private final String version;
    private final String schemaVersion;
    private final String address;
    private final int runLimit;
    private final Duration lease;
    private volatile String state = ClusterNode.RUNNING;
    private ScheduledExecutorService beat;

    /**
     * @param name the node's name in the cluster
     * @param version the Sluice version it runs
     * @param schemaVersion the newest store migration its build carries
     * @param address the URL it serves at
     * @param runLimit flow runs it runs at once at most
     * @param lease how long it may go without a heartbeat before other nodes take its runs over
     */
    public LocalNode(NodeStore nodes, Clock clock, String name, String version, String schemaVersion, String address,
            int runLimit, Duration lease) {
        this.nodes = nodes;
        this.clock = clock;
        this.name = name;
        this.version = version;
        this.schemaVersion = schemaVersion;
        this.address = address;
        this.runLimit = runLimit;
        this.lease = lease;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public int runLimit() {
        return runLimit;
    }

    public Duration lease() {
        return lease;
    }

    /** How often the node (and each run it holds) writes a heartbeat: four per lease. */
    public Duration heartbeatInterval() {
        return lease.dividedBy(4);
    }

    /** Whether the node is stopping (or stopped): it takes no new runs and gives back the ones it holds. */
    public boolean draining() {
        return !ClusterNode.RUNNING.equals(state);
    }

    public String state() {
        return state;
    }

    /** Registers the node (CONFLICT when a live node has its name) and starts its heartbeat. */
    public synchronized void start() {
        nodes.register(new ClusterNode(name, instance, version, schemaVersion, address, ClusterNode.RUNNING, runLimit,
                lease, clock.instant(), clock.instant()));
        beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-node-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = heartbeatInterval().toMillis();
        beat.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        LOG.info("node registered node={} version={} schema={} runLimit={} leaseMs={}", name, version, schemaVersion,
                runLimit, lease.toMillis());
    }

    /** Says so in the cluster: the node is stopping. */
    public void drain() {
        state = ClusterNode.DRAINING;
        heartbeat();
        LOG.info("node draining node={}", name);
    }

    /** Stops the heartbeat and says the node has stopped. */
    public synchronized void stop() {
        state = ClusterNode.STOPPED;
        if (beat != null) {
            beat.shutdownNow();
            beat = null;
        }
        heartbeat();
        LOG.info("node stopped node={}", name);
    }

    private void heartbeat() {
        try {
            if (!nodes.heartbeat(name, instance, state)) {
                LOG.warn("node name taken by another process node={}: this one was silent longer than its lease", name);
            }
        } catch (RuntimeException e) {
            LOG.warn("node heartbeat failed node={} message={}", name, e.getMessage());
        }
    }
}
