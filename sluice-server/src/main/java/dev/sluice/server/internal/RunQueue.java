package dev.sluice.server.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.sluice.store.RunLeaseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue of server flow runs, shared by every node on the store: db-scheduler over {@code flow_run_leases}, one
 * execution per queued or running run. Each node polls it with as many threads as its run limit, so it never holds
 * more runs than that and an idle node picks up what a busy one cannot; the node that picks an execution holds the
 * run and keeps its heartbeat fresh every quarter of the lease. When a node stops heartbeating (killed, cut off), the
 * other nodes find its executions older than the lease (they look every half lease) and put them back in the queue,
 * and the next node to poll (every second at most) takes the run over from its last checkpoint. Thread-safe.
 */
public final class RunQueue {
    private static final Logger LOG = LoggerFactory.getLogger(RunQueue.class);
    /** db-scheduler's least number of missed heartbeats before an execution is dead: the lease is four of them. */
    static final int MISSED_HEARTBEATS = 4;
    /** How often a node looks for queued runs at most (cheap: one indexed query). */
    static final Duration MAX_POLL = Duration.ofSeconds(1);
    /** After an unexpected failure of the run's own bookkeeping (the database away), try again this much later. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    /** What became of a picked run. */
    public enum Outcome {
        /** It ended (or had ended): its execution goes. */
        DONE,
        /** It was given back at a chunk boundary: the next node to poll goes on with it. */
        RELEASED,
        /** Another node holds it now: leave its execution alone. */
        LOST
    }

    /** Runs one picked run on this node. */
    public interface Work {
        Outcome run(UUID runId);
    }

    private final Scheduler scheduler;

    /**
     * @param node this node's name (db-scheduler's {@code picked_by})
     * @param runLimit runs at once on this node
     * @param lease how long a node may go without a heartbeat before its runs are taken over
     */
    public RunQueue(DataSource dataSource, String node, int runLimit, Duration lease, Work work) {
        Duration heartbeat = lease.dividedBy(MISSED_HEARTBEATS);
        CustomTask<Void> task = Tasks.custom(RunLeaseStore.TASK, Void.class)
                .onDeadExecutionRevive()
                .onFailure((FailureHandler<Void>) (complete, ops) -> ops.reschedule(complete,
                        Instant.now().plus(RETRY_AFTER)))
                .execute((instance, ctx) -> switch (work.run(UUID.fromString(instance.getId()))) {
                    case DONE -> new CompletionHandler.OnCompleteRemove<>();
                    case RELEASED -> (complete, ops) -> ops.reschedule(complete, Instant.now());
                    case LOST -> (complete, ops) -> { };
                });
        this.scheduler = Scheduler.create(dataSource, task)
                .jdbcCustomization(FlowScheduler.jdbcCustomization(dataSource)) // no WARN about H2 at start
                .tableName(RunLeaseStore.TABLE)
                .schedulerName(new SchedulerName.Fixed(node))
                .threads(runLimit)
                .pollingInterval(heartbeat.compareTo(MAX_POLL) < 0 ? heartbeat : MAX_POLL)
                .heartbeatInterval(heartbeat)
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .alwaysPersistTimestampInUTC()
                .build();
    }

    public void start() {
        scheduler.start();
    }

    /** Looks for queued runs now (after this node queued one). */
    public void wake() {
        scheduler.triggerCheckForDueExecutions();
    }

    /** Runs executing on this node now. */
    public int executing() {
        return scheduler.getCurrentlyExecuting().size();
    }

    /**
     * Stops polling, waits up to {@code wait} for this node's runs to be given back (the caller makes them stop at
     * their next chunk boundary), then stops; answers whether they all were. Runs still going after {@code wait} are
     * left to the lease: other nodes take them over once this process is gone.
     */
    public boolean drain(Duration wait) throws InterruptedException {
        scheduler.pause();
        long deadline = System.nanoTime() + wait.toNanos();
        while (executing() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        int left = executing();
        if (left > 0) {
            LOG.warn("runs still going after the drain wait runs={} waitMs={}: other nodes take them over when their "
                    + "lease expires", left, wait.toMillis());
            return false;
        }
        scheduler.stop();
        return true;
    }
}
