package dev.sluice.store;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.DatabaseFailures;
import dev.sluice.store.internal.Fences;
import dev.sluice.store.internal.Times;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Server flow runs owned through leases, for several nodes on one database. A run is queued in one transaction: its
 * record, the flow's one active-run slot (at most one queued or running server run per flow, across every node), and
 * an execution in db-scheduler's {@value #TABLE} table (task {@value #TASK}, instance = the run id). The node whose
 * scheduler picks the execution {@linkplain #acquire acquires} the run and holds it while it keeps the execution's
 * heartbeat fresh; every acquisition moves the run's lease epoch on, and the holder's writes of checkpoints, counters
 * and the run's end carry its epoch ({@link #fence}), so a node that lost the run can no longer write to it. The slot
 * is freed in the transaction that records the run's end. Thread-safe.
 */
public final class RunLeaseStore {
    /** db-scheduler's table of run executions. */
    public static final String TABLE = "flow_run_leases";
    /** db-scheduler's task name of a run's execution. */
    public static final String TASK = "sluice-flow-run";

    private final Database db;
    private final Clock clock;
    private final Fences fences;
    private final FlowStore flows;

    RunLeaseStore(Database db, Clock clock, Fences fences, FlowStore flows) {
        this.db = db;
        this.clock = clock;
        this.fences = fences;
        this.flows = flows;
    }

    /**
     * Records a run of {@code flow} and queues it for whichever node has room; empty (nothing recorded) when the flow
     * already has a queued or running server run.
     */
    public Optional<FlowRun> queue(String flow, String startedBy, String startedVia) {
        if (activeRun(flow).isPresent()) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        Instant now = Times.stored(clock.instant());
        try {
            db.useTransaction("queueing a flow run", h -> {
                h.createUpdate("INSERT INTO flow_active_runs (flow, run_id, since) VALUES (:flow, :id, :at)")
                        .bind("flow", flow).bind("id", id).bind("at", Times.bind(now)).execute();
                h.createUpdate("INSERT INTO flow_runs (id, flow, status, dry_run, started_at, read_count, created_count, "
                        + "updated_count, skipped_count, rejected_count, deleted_count, started_by, started_via) VALUES "
                        + "(:id, :flow, :status, FALSE, :at, 0, 0, 0, 0, 0, 0, :by, :via)")
                        .bind("id", id).bind("flow", flow).bind("status", FlowRun.RUNNING)
                        .bind("at", Times.bind(now)).bind("by", startedBy).bind("via", startedVia).execute();
                // db-scheduler compares execution times with the real time, whatever clock the store runs on
                h.createUpdate("INSERT INTO " + TABLE + " (task_name, task_instance, execution_time, picked, version) "
                        + "VALUES (:task, :id, :at, FALSE, 1)").bind("task", TASK).bind("id", id.toString())
                        .bind("at", Times.bind(Instant.now())).execute();
            });
        } catch (SluiceException e) {
            if (DatabaseFailures.isUniqueViolation(e)) {
                return Optional.empty(); // another node queued one first
            }
            throw e;
        }
        return flows.run(flow, id);
    }

    /** The flow's queued or running server run, if any. */
    public Optional<UUID> activeRun(String flow) {
        return db.withHandle("reading a flow's active run", h -> h.createQuery("SELECT run_id FROM flow_active_runs "
                + "WHERE flow = :flow").bind("flow", flow).mapTo(UUID.class).findOne());
    }

    /**
     * Takes the run for {@code node}: answers the lease (its epoch moved on by one), or empty when the run has ended
     * meanwhile (or does not exist). Taking a run another node held counts as a takeover.
     */
    public Optional<RunLease> acquire(UUID runId, String node) {
        Instant now = Times.stored(clock.instant());
        return db.inTransaction("taking a flow run", h -> {
            Optional<Object[]> row = h.createQuery("SELECT flow, status, node, lease_epoch, started_by, started_via, "
                    + "cancel_requested_at FROM flow_runs WHERE id = :id FOR UPDATE").bind("id", runId)
                    .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getString(5), rs.getString(6), rs.getObject(7) != null}).findOne();
            if (row.isEmpty() || !FlowRun.RUNNING.equals(row.get()[1])) {
                return Optional.empty();
            }
            Object[] r = row.get();
            String previous = (String) r[2];
            int epoch = (int) r[3] + 1;
            if (previous == null) {
                h.createUpdate("UPDATE flow_runs SET node = :node, lease_epoch = :e WHERE id = :id")
                        .bind("node", node).bind("e", epoch).bind("id", runId).execute();
            } else {
                h.createUpdate("UPDATE flow_runs SET node = :node, lease_epoch = :e, takeovers = takeovers + 1, "
                        + "taken_over_at = :at, taken_over_from = :from WHERE id = :id").bind("node", node)
                        .bind("e", epoch).bind("at", Times.bind(now)).bind("from", previous).bind("id", runId)
                        .execute();
            }
            return Optional.of(new RunLease(runId, (String) r[0], node, epoch, previous, (String) r[4], (String) r[5],
                    (boolean) r[6]));
        });
    }

    /**
     * From now until {@link #unfence}, this process's writes of the run (checkpoints, counters, its end) succeed only
     * while the run is still at the lease's epoch; once another node has taken it, they fail with CONFLICT and change
     * nothing.
     */
    public void fence(RunLease lease) {
        fences.hold(lease.runId(), lease.epoch());
    }

    /** Ends the checks {@link #fence} started. */
    public void unfence(UUID runId) {
        fences.drop(runId);
    }

    /**
     * Gives the run back, its checkpoint kept, for the next node to go on with (a node that is stopping); answers
     * false when the lease was lost already.
     */
    public boolean release(RunLease lease) {
        return db.inTransaction("releasing a flow run", h -> h.createUpdate("UPDATE flow_runs SET node = NULL "
                + "WHERE id = :id AND lease_epoch = :e AND status = :running").bind("id", lease.runId())
                .bind("e", lease.epoch()).bind("running", FlowRun.RUNNING).execute() == 1);
    }

    /** Whether the run is still held under this lease (no other node took it over). */
    public boolean holds(RunLease lease) {
        return db.withHandle("reading a flow run", h -> h.createQuery("SELECT COUNT(*) FROM flow_runs WHERE id = :id "
                + "AND lease_epoch = :e AND node = :node").bind("id", lease.runId()).bind("e", lease.epoch())
                .bind("node", lease.node()).mapTo(Integer.class).one() == 1);
    }

    /**
     * Ends a run no node has taken yet as {@code cancelled} (its execution, when picked, finds it ended); answers
     * false when a node holds it (then it stops at its next chunk boundary).
     */
    public boolean cancelQueued(UUID runId, String message) {
        return db.inTransaction("cancelling a queued flow run", h -> {
            int n = h.createUpdate("UPDATE flow_runs SET status = :cancelled, finished_at = :at, message = :m "
                    + "WHERE id = :id AND status = :running AND node IS NULL").bind("cancelled", FlowRun.CANCELLED)
                    .bind("at", Times.bind(clock.instant())).bind("m", message).bind("id", runId)
                    .bind("running", FlowRun.RUNNING).execute();
            if (n == 1) {
                h.createUpdate("DELETE FROM flow_active_runs WHERE run_id = :id").bind("id", runId).execute();
            }
            return n == 1;
        });
    }

    /** Every server run that is queued or running, oldest first, with the node holding it (null: waiting). */
    public List<FlowRun> active() {
        return db.withHandle("listing active flow runs", h -> h.createQuery("SELECT r.* FROM flow_runs r JOIN "
                + "flow_active_runs a ON a.run_id = r.id ORDER BY r.started_at").map((rs, ctx) -> FlowStore.run(rs))
                .list());
    }

    /** Failure of a write by a node that no longer holds the run. */
    static SluiceException lost(UUID runId) {
        return new SluiceException(ErrorKind.CONFLICT, "run " + runId + " is held by another node now (this node's "
                + "lease on it expired); this node stopped writing to it");
    }
}
