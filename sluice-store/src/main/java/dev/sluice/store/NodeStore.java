package dev.sluice.store;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The server nodes sharing this database: each registers when it starts and writes a heartbeat every few seconds;
 * what the Nodes page and {@code GET /api/v1/nodes} show. Thread-safe.
 */
public final class NodeStore {
    /** Nodes gone (stopped, or silent) for this long are forgotten when another node starts. */
    static final Duration FORGET_AFTER = Duration.ofDays(7);

    private final Database db;
    private final Clock clock;

    NodeStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Registers {@code node} (state running, heartbeat now). CONFLICT when another live process has the same name
     * (its last heartbeat is younger than its lease).
     */
    public ClusterNode register(ClusterNode node) {
        Instant now = Times.stored(clock.instant());
        ClusterNode me = new ClusterNode(node.name(), node.instanceId(), node.version(), node.schemaVersion(),
                node.address(), ClusterNode.RUNNING, node.runLimit(), node.lease(), now, now);
        return db.inTransaction("registering a server node", h -> {
            h.createUpdate("DELETE FROM cluster_nodes WHERE heartbeat_at < :before").bind("before",
                    Times.bind(now.minus(FORGET_AFTER))).execute();
            Optional<ClusterNode> other = h.createQuery("SELECT * FROM cluster_nodes WHERE name = :name FOR UPDATE")
                    .bind("name", node.name()).map((rs, ctx) -> node(rs)).findOne();
            if (other.isPresent() && !other.get().instanceId().equals(node.instanceId()) && !other.get().gone(now)) {
                long ago = Duration.between(other.get().heartbeatAt(), now).toSeconds();
                throw new SluiceException(ErrorKind.CONFLICT, "a node named '" + node.name() + "' is already running ("
                        + "its last heartbeat was " + ago + " s ago" + (other.get().address() == null ? ""
                        : ", at " + other.get().address()) + "); give this one another --node-name, or, if that "
                        + "node is gone, start again after its lease of " + other.get().lease().toSeconds() + " s");
            }
            h.createUpdate("DELETE FROM cluster_nodes WHERE name = :name").bind("name", node.name()).execute();
            h.createUpdate("INSERT INTO cluster_nodes (name, instance_id, version, schema_version, address, state, "
                    + "run_limit, lease_millis, started_at, heartbeat_at) VALUES (:name, :instance, :version, :schema, "
                    + ":address, :state, :limit, :lease, :at, :at)").bind("name", me.name())
                    .bind("instance", me.instanceId()).bind("version", me.version()).bind("schema", me.schemaVersion())
                    .bind("address", me.address()).bind("state", me.state()).bind("limit", me.runLimit())
                    .bind("lease", me.lease().toMillis()).bind("at", Times.bind(now)).execute();
            return me;
        });
    }

    /**
     * Records that the node is alive, in {@code state}; answers false when the name now belongs to another instance
     * (this one was silent longer than its lease and another process took the name).
     */
    public boolean heartbeat(String name, UUID instanceId, String state) {
        return db.inTransaction("writing a node heartbeat", h -> h.createUpdate("UPDATE cluster_nodes SET "
                + "heartbeat_at = :at, state = :state WHERE name = :name AND instance_id = :instance")
                .bind("at", Times.bind(clock.instant())).bind("state", state).bind("name", name)
                .bind("instance", instanceId).execute() == 1);
    }

    /** Every node the cluster knows, by name. */
    public List<ClusterNode> list() {
        return db.withHandle("listing server nodes", h -> h.createQuery("SELECT * FROM cluster_nodes ORDER BY name")
                .map((rs, ctx) -> node(rs)).list());
    }

    /** One node. */
    public Optional<ClusterNode> get(String name) {
        return db.withHandle("reading a server node", h -> get(h, name));
    }

    private static Optional<ClusterNode> get(Handle h, String name) {
        return h.createQuery("SELECT * FROM cluster_nodes WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> node(rs)).findOne();
    }

    private static ClusterNode node(ResultSet rs) throws SQLException {
        return new ClusterNode(rs.getString("name"), rs.getObject("instance_id", UUID.class), rs.getString("version"),
                rs.getString("schema_version"), rs.getString("address"), rs.getString("state"),
                rs.getInt("run_limit"), Duration.ofMillis(rs.getLong("lease_millis")), Times.read(rs, "started_at"),
                Times.read(rs, "heartbeat_at"));
    }
}
