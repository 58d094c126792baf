package dev.sluice.store;

import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Flow runs, checkpoints and dead letters. A chunk's checkpoint, its dead letters and the run's counters are saved
 * in one transaction, so a run killed at any moment resumes from a consistent state. Thread-safe.
 */
public final class FlowStore {
    /** Longest message kept (the columns are VARCHAR(4000)). */
    private static final int MAX_MESSAGE = 4000;

    private final Database db;
    private final Clock clock;

    FlowStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A dead letter to add: the source record as JSON, the error kind's name, and the message. */
    public record NewDeadLetter(String source, String errorKind, String message) {}

    /** Records the start of a run. */
    public FlowRun startRun(String flow, boolean dryRun) {
        FlowRun run = new FlowRun(UUID.randomUUID(), flow, "running", dryRun, Times.stored(clock.instant()), null,
                FlowCounts.ZERO, null);
        db.useTransaction("starting a flow run", h -> h.createUpdate("INSERT INTO flow_runs (id, flow, status, dry_run, "
                + "started_at, read_count, created_count, updated_count, skipped_count, rejected_count) VALUES (:id, "
                + ":flow, :status, :dry, :at, 0, 0, 0, 0, 0)")
                .bind("id", run.id()).bind("flow", flow).bind("status", run.status()).bind("dry", dryRun)
                .bind("at", Times.bind(run.startedAt())).execute());
        return run;
    }

    /**
     * Saves a chunk's outcome in one transaction: the flow's checkpoint state (null leaves it as it is), the run's
     * counters, and new dead letters.
     */
    public void saveChunk(UUID runId, String flow, String state, FlowCounts counts, List<NewDeadLetter> deadLetters) {
        Instant now = Times.stored(clock.instant());
        db.useTransaction("saving a flow checkpoint", h -> {
            if (state != null) {
                saveState(h, runId, flow, state, now);
            }
            counts(h, runId, counts);
            for (NewDeadLetter d : deadLetters) {
                h.createUpdate("INSERT INTO flow_dead_letters (id, flow, run_id, source, error_kind, message, attempts, "
                        + "created_at, updated_at) VALUES (:id, :flow, :run, :source, :kind, :message, 1, :at, :at)")
                        .bind("id", UUID.randomUUID()).bind("flow", flow).bind("run", runId)
                        .bind("source", d.source()).bind("kind", d.errorKind()).bind("message", cut(d.message()))
                        .bind("at", Times.bind(now)).execute();
            }
        });
    }

    private static void saveState(Handle h, UUID runId, String flow, String state, Instant now) {
        int n = h.createUpdate("UPDATE flow_checkpoints SET run_id = :run, state = :state, updated_at = :at "
                + "WHERE flow = :flow").bind("run", runId).bind("state", state).bind("at", Times.bind(now))
                .bind("flow", flow).execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO flow_checkpoints (flow, run_id, state, updated_at) VALUES (:flow, :run, "
                    + ":state, :at)").bind("run", runId).bind("state", state).bind("at", Times.bind(now))
                    .bind("flow", flow).execute();
        }
    }

    private static void counts(Handle h, UUID runId, FlowCounts c) {
        h.createUpdate("UPDATE flow_runs SET read_count = :r, created_count = :c, updated_count = :u, "
                + "skipped_count = :s, rejected_count = :x WHERE id = :id").bind("r", c.read()).bind("c", c.created())
                .bind("u", c.updated()).bind("s", c.skipped()).bind("x", c.rejected()).bind("id", runId).execute();
    }

    /** The flow's saved checkpoint state, if any. */
    public Optional<String> checkpoint(String flow) {
        return db.withHandle("reading a flow checkpoint", h -> h.createQuery("SELECT state FROM flow_checkpoints "
                + "WHERE flow = :flow").bind("flow", flow).mapTo(String.class).findOne());
    }

    /** Forgets the flow's checkpoint, so its next run starts from the beginning. */
    public void resetCheckpoint(String flow) {
        db.useTransaction("resetting a flow checkpoint", h -> h.createUpdate("DELETE FROM flow_checkpoints WHERE "
                + "flow = :flow").bind("flow", flow).execute());
    }

    /** Records the end of a run: {@code succeeded} or {@code failed} with a message. */
    public void finishRun(UUID runId, String status, FlowCounts counts, String message) {
        db.useTransaction("finishing a flow run", h -> {
            counts(h, runId, counts);
            h.createUpdate("UPDATE flow_runs SET status = :status, finished_at = :at, message = :message WHERE id = :id")
                    .bind("status", status).bind("at", Times.bind(clock.instant())).bind("message", cut(message))
                    .bind("id", runId).execute();
        });
    }

    /** The flow's runs, newest first. */
    public List<FlowRun> runs(String flow, int limit) {
        return db.withHandle("listing flow runs", h -> h.createQuery("SELECT * FROM flow_runs WHERE flow = :flow "
                + "ORDER BY started_at DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY").bind("flow", flow)
                .map((rs, ctx) -> run(rs)).list());
    }

    /** Deletes a finished run that did nothing (a trigger's poll that found no change); its checkpoint stays. */
    public void deleteRun(UUID runId) {
        db.useTransaction("deleting a flow run", h -> h.createUpdate("DELETE FROM flow_runs WHERE id = :id")
                .bind("id", runId).execute());
    }

    /** The flow's dead letters, oldest first. */
    public List<DeadLetter> deadLetters(String flow) {
        return db.withHandle("listing dead letters", h -> h.createQuery("SELECT * FROM flow_dead_letters WHERE "
                + "flow = :flow ORDER BY created_at, id").bind("flow", flow).map((rs, ctx) -> deadLetter(rs)).list());
    }

    /** Removes a dead letter that was replayed successfully. */
    public void deleteDeadLetter(UUID id) {
        db.useTransaction("deleting a dead letter", h -> h.createUpdate("DELETE FROM flow_dead_letters WHERE id = :id")
                .bind("id", id).execute());
    }

    /** Records another failed attempt at a dead letter. */
    public void updateDeadLetter(UUID id, UUID runId, String errorKind, String message) {
        db.useTransaction("updating a dead letter", h -> h.createUpdate("UPDATE flow_dead_letters SET attempts = "
                + "attempts + 1, run_id = :run, error_kind = :kind, message = :message, updated_at = :at WHERE id = :id")
                .bind("run", runId).bind("kind", errorKind).bind("message", cut(message))
                .bind("at", Times.bind(clock.instant())).bind("id", id).execute());
    }

    private static String cut(String m) {
        return m == null ? null : m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE - 1) + "…" : m;
    }

    private static FlowRun run(ResultSet rs) throws SQLException {
        return new FlowRun(rs.getObject("id", UUID.class), rs.getString("flow"), rs.getString("status"),
                rs.getBoolean("dry_run"), Times.read(rs, "started_at"), Times.read(rs, "finished_at"),
                new FlowCounts(rs.getLong("read_count"), rs.getLong("created_count"), rs.getLong("updated_count"),
                        rs.getLong("skipped_count"), rs.getLong("rejected_count")), rs.getString("message"));
    }

    private static DeadLetter deadLetter(ResultSet rs) throws SQLException {
        return new DeadLetter(rs.getObject("id", UUID.class), rs.getString("flow"), rs.getObject("run_id", UUID.class),
                rs.getString("source"), rs.getString("error_kind"), rs.getString("message"), rs.getInt("attempts"),
                Times.read(rs, "created_at"));
    }
}
