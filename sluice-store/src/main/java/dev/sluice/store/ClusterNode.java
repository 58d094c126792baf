package dev.sluice.store;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A server node as the cluster sees it: who it is, what it runs, and when it last said it is alive. Immutable and
 * thread-safe.
 *
 * @param name the node's name ({@code sluice serve --node-name}), unique in the cluster
 * @param instanceId the process (a node restarted under the same name is a new instance)
 * @param version the Sluice version it runs
 * @param schemaVersion the newest store migration its build carries
 * @param address the URL it serves at, or null
 * @param state {@link #RUNNING}, {@link #DRAINING} or {@link #STOPPED}
 * @param runLimit how many flow runs it runs at once at most
 * @param lease how long it may go without a heartbeat before other nodes take its runs over
 * @param startedAt when it started
 * @param heartbeatAt its last heartbeat
 */
public record ClusterNode(String name, UUID instanceId, String version, String schemaVersion, String address,
        String state, int runLimit, Duration lease, Instant startedAt, Instant heartbeatAt) {
    /** Takes new runs. */
    public static final String RUNNING = "running";
    /** Stopping: finishes its runs' current chunks, gives them back, takes no new ones. */
    public static final String DRAINING = "draining";
    /** Stopped cleanly. */
    public static final String STOPPED = "stopped";

    /** Whether it has stopped cleanly or its last heartbeat is older than its lease (it stopped answering). */
    public boolean gone(Instant now) {
        return STOPPED.equals(state) || !heartbeatAt.plus(lease).isAfter(now);
    }
}
