package dev.sluice.store;

import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.FieldCipher;
import dev.sluice.store.internal.Fences;
import dev.sluice.store.internal.Sealed;
import dev.sluice.store.internal.SourceKeyRows;
import dev.sluice.store.internal.Times;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * Flow runs, checkpoints, dead letters, the keys a full-compare flow saw, and the target key each source row of a
 * change-tracking flow was written under. A chunk's checkpoint, its dead letters, its keys and the run's counters are
 * saved in one transaction, so a run killed at any moment resumes from a consistent state. Dead letters and keys are
 * source data: they are stored only encrypted (Tink AEAD, the flow's name as associated data,
 * {@code flow:NAME|dead-letter}, {@code flow:NAME|flow-keys} and {@code flow:NAME|source-keys}). Thread-safe.
 */
public final class FlowStore {
    /** Longest message kept (the columns are VARCHAR(4000)). */
    private static final int MAX_MESSAGE = 4000;
    /** Rows per transaction when sealing dead letters written in clear by an earlier version. */
    private static final int SEAL_BATCH = 100;
    /** Key blobs read per query, so a large generation is read in constant memory. */
    private static final int KEY_PAGE = 20;
    static final String DEAD_LETTER_SLOT = "dead-letter";
    static final String KEYS_SLOT = "flow-keys";

    private final Database db;
    private final FieldCipher cipher;
    private final Clock clock;
    /** Runs this process holds a lease on: their writes carry the lease's epoch (see {@link RunLeaseStore}). */
    private final Fences fences;
    private final SourceKeyRows sourceKeys;

    FlowStore(Database db, FieldCipher cipher, Clock clock) {
        this(db, cipher, clock, new Fences());
    }

    FlowStore(Database db, FieldCipher cipher, Clock clock, Fences fences) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
        this.fences = fences;
        this.sourceKeys = new SourceKeyRows(db, cipher);
    }

    /** A dead letter to add: the source record as JSON, the error kind's name, and the message. */
    public record NewDeadLetter(String source, String errorKind, String message) {
        @Override
        public String toString() {
            return "NewDeadLetter[errorKind=" + errorKind + ", " + source.length() + " chars]";
        }
    }

    /**
     * The target keys of one chunk of a full read, saved with its checkpoint.
     *
     * @param generation the run whose full read they belong to
     * @param seq the chunk's number in that read (0, 1, …)
     * @param json the keys as JSON
     */
    public record ChunkKeys(UUID generation, long seq, String json) {
        @Override
        public String toString() {
            return "ChunkKeys[generation=" + generation + ", seq=" + seq + "]";
        }
    }

    /**
     * What a change-tracking flow remembers of one source row it wrote.
     *
     * @param key the target key it was written under, as JSON
     * @param digest a digest of the target record written (so an unchanged row need not be written again)
     */
    public record SourceKey(String key, String digest) {
        public SourceKey {
            java.util.Objects.requireNonNull(key, "key");
            java.util.Objects.requireNonNull(digest, "digest");
        }

        @Override
        public String toString() {
            return "SourceKey[" + key.length() + " chars]";
        }
    }

    /**
     * Changes to what a change-tracking flow remembers of its source rows, saved with a chunk's checkpoint.
     *
     * @param remember source id → what it was written as
     * @param forget source ids whose rows are gone from the target
     */
    public record SourceKeyChanges(Map<String, SourceKey> remember, Set<String> forget) {
        public SourceKeyChanges {
            remember = Map.copyOf(remember);
            forget = Set.copyOf(forget);
        }

        public boolean isEmpty() {
            return remember.isEmpty() && forget.isEmpty();
        }

        @Override
        public String toString() {
            return "SourceKeyChanges[remember " + remember.size() + ", forget " + forget.size() + "]";
        }
    }

    /** The owner part of a flow's associated data. */
    static String owner(String flow) {
        return "flow:" + flow;
    }

    /** Records the start of a run (by nobody in particular). */
    public FlowRun startRun(String flow, boolean dryRun) {
        return startRun(flow, dryRun, null, null);
    }

    /** Records the start of a run: who started it and how ({@code on demand}, {@code schedule}, …). */
    public FlowRun startRun(String flow, boolean dryRun, String startedBy, String startedVia) {
        FlowRun run = new FlowRun(UUID.randomUUID(), flow, FlowRun.RUNNING, dryRun, Times.stored(clock.instant()),
                null, FlowCounts.ZERO, null, startedBy, startedVia, null, null, null, null, null);
        db.useTransaction("starting a flow run", h -> h.createUpdate("INSERT INTO flow_runs (id, flow, status, dry_run, "
                + "started_at, read_count, created_count, updated_count, skipped_count, rejected_count, deleted_count, "
                + "started_by, started_via) VALUES (:id, :flow, :status, :dry, :at, 0, 0, 0, 0, 0, 0, :by, :via)")
                .bind("id", run.id()).bind("flow", flow).bind("status", run.status()).bind("dry", dryRun)
                .bind("at", Times.bind(run.startedAt())).bind("by", startedBy).bind("via", startedVia).execute());
        return run;
    }

    /** Records what a run expects to read (null: unknown) and its detail line (null: none). */
    public void describeRun(UUID runId, Long expected, String detail) {
        Integer epoch = fences.epoch(runId);
        db.useTransaction("describing a flow run", h -> h.createUpdate("UPDATE flow_runs SET expected_count = :n, "
                + "detail = :detail WHERE id = :id" + (epoch == null ? "" : " AND lease_epoch = " + epoch))
                .bind("n", expected).bind("detail", cut(detail)).bind("id", runId).execute());
    }

    /**
     * Saves a chunk's outcome in one transaction: the flow's checkpoint state (null leaves it as it is), the run's
     * counters, and new dead letters. Answers whether someone asked the run to stop.
     */
    public boolean saveChunk(UUID runId, String flow, String state, FlowCounts counts, List<NewDeadLetter> deadLetters) {
        return saveChunk(runId, flow, state, counts, deadLetters, null);
    }

    /** As above, also saving the chunk's target keys (a full read that compares keys to find deletions). */
    public boolean saveChunk(UUID runId, String flow, String state, FlowCounts counts, List<NewDeadLetter> deadLetters,
            ChunkKeys keys) {
        return saveChunk(runId, flow, state, counts, deadLetters, keys, null);
    }

    /**
     * As above, also saving what the flow now remembers of the chunk's source rows (a change-tracking flow that
     * writes by a key other than the source's id); null changes nothing there.
     */
    public boolean saveChunk(UUID runId, String flow, String state, FlowCounts counts, List<NewDeadLetter> deadLetters,
            ChunkKeys keys, SourceKeyChanges sourceKeyChanges) {
        SourceKeyRows.Prepared remembered = sourceKeyChanges == null || sourceKeyChanges.isEmpty() ? null
                : sourceKeys.prepare(flow, sourceKeyChanges.remember(), sourceKeyChanges.forget());
        Instant now = Times.stored(clock.instant());
        List<Sealed> sealed = deadLetters.stream().map(d -> cipher.sealFor(owner(flow), DEAD_LETTER_SLOT,
                d.source().getBytes(StandardCharsets.UTF_8))).toList();
        Sealed keyBlob = keys == null ? null : cipher.sealFor(owner(flow), KEYS_SLOT,
                keys.json().getBytes(StandardCharsets.UTF_8));
        return db.inTransaction("saving a flow checkpoint", h -> {
            if (state != null) {
                saveState(h, runId, flow, state, now);
            }
            boolean cancel = fencedCounts(h, runId, counts, now, fences.epoch(runId)) == 0;
            for (int i = 0; i < deadLetters.size(); i++) {
                NewDeadLetter d = deadLetters.get(i);
                h.createUpdate("INSERT INTO flow_dead_letters (id, flow, run_id, key_id, ciphertext, error_kind, "
                        + "message, attempts, created_at, updated_at) VALUES (:id, :flow, :run, :key, :ct, :kind, "
                        + ":message, 1, :at, :at)")
                        .bind("id", UUID.randomUUID()).bind("flow", flow).bind("run", runId)
                        .bind("key", sealed.get(i).keyId()).bind("ct", sealed.get(i).ciphertext())
                        .bind("kind", d.errorKind()).bind("message", cut(d.message()))
                        .bind("at", Times.bind(now)).execute();
            }
            if (keys != null) {
                h.createUpdate("DELETE FROM flow_keys WHERE flow = :flow AND generation = :g AND seq = :seq")
                        .bind("flow", flow).bind("g", keys.generation()).bind("seq", keys.seq()).execute();
                h.createUpdate("INSERT INTO flow_keys (flow, generation, seq, key_id, ciphertext) VALUES (:flow, :g, "
                        + ":seq, :key, :ct)").bind("flow", flow).bind("g", keys.generation()).bind("seq", keys.seq())
                        .bind("key", keyBlob.keyId()).bind("ct", keyBlob.ciphertext()).execute();
            }
            if (remembered != null) {
                SourceKeyRows.save(h, remembered);
            }
            return cancel;
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

    /**
     * Saves the counters; answers 1, or 0 when someone asked the run to stop (the counters are saved anyway). With a
     * lease {@code epoch}, fails (rolling the transaction back) when another node has taken the run over.
     */
    private static int fencedCounts(Handle h, UUID runId, FlowCounts c, Instant now, Integer epoch) {
        String fence = epoch == null ? "" : " AND lease_epoch = " + epoch;
        // one statement on the common path: it matches only while no cancel request is pending
        int n = counts(h, runId, c, now, " AND cancel_requested_at IS NULL" + fence);
        if (n == 0 && counts(h, runId, c, now, fence) == 0 && epoch != null) {
            throw RunLeaseStore.lost(runId);
        }
        return n;
    }

    /** Fails when this process held a lease on the run and another node has taken it over since; locks the run. */
    private void checkFence(Handle h, UUID runId) {
        Integer epoch = fences.epoch(runId);
        if (epoch != null && h.createUpdate("UPDATE flow_runs SET lease_epoch = lease_epoch WHERE id = :id AND "
                + "lease_epoch = :e").bind("id", runId).bind("e", epoch).execute() == 0) {
            throw RunLeaseStore.lost(runId);
        }
    }

    private static int counts(Handle h, UUID runId, FlowCounts c, Instant now, String condition) {
        return h.createUpdate("UPDATE flow_runs SET read_count = :r, created_count = :c, updated_count = :u, "
                + "skipped_count = :s, rejected_count = :x, deleted_count = :d, upserted_count = :up, progress_at = :at "
                + "WHERE id = :id" + condition)
                .bind("r", c.read()).bind("c", c.created()).bind("u", c.updated()).bind("s", c.skipped())
                .bind("x", c.rejected()).bind("d", c.deleted()).bind("up", c.upserted()).bind("at", Times.bind(now))
                .bind("id", runId).execute();
    }

    private static boolean cancelRequested(Handle h, UUID runId) {
        return h.createQuery("SELECT cancel_requested_at FROM flow_runs WHERE id = :id").bind("id", runId)
                .map((rs, ctx) -> rs.getObject(1) != null).findOne().orElse(false);
    }

    /** Whether someone asked the run to stop. */
    public boolean cancelRequested(UUID runId) {
        return db.withHandle("reading a flow run", h -> cancelRequested(h, runId));
    }

    /**
     * Asks a running run to stop at its next chunk boundary (its checkpoint stays); the run says {@code cancelled}
     * when it has. Answers the run as it is now, or empty when there is no such run of this flow.
     */
    public Optional<FlowRun> requestCancel(String flow, UUID runId, String by) {
        return db.inTransaction("asking a flow run to stop", h -> {
            h.createUpdate("UPDATE flow_runs SET cancel_requested_at = :at, cancel_requested_by = :by WHERE id = :id "
                    + "AND flow = :flow AND status = :running AND cancel_requested_at IS NULL")
                    .bind("at", Times.bind(clock.instant())).bind("by", by).bind("id", runId).bind("flow", flow)
                    .bind("running", FlowRun.RUNNING).execute();
            return run(h, flow, runId);
        });
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

    /** Saves only a checkpoint state (between phases of a run). */
    public void saveCheckpoint(UUID runId, String flow, String state) {
        db.useTransaction("saving a flow checkpoint", h -> {
            checkFence(h, runId);
            saveState(h, runId, flow, state, Times.stored(clock.instant()));
        });
    }

    /**
     * Records the end of a run: {@code succeeded}, {@code failed} or {@code cancelled}, with a message; frees the
     * flow for its next server run.
     */
    public void finishRun(UUID runId, String status, FlowCounts counts, String message) {
        db.useTransaction("finishing a flow run", h -> {
            checkFence(h, runId);
            Instant now = Times.stored(clock.instant());
            counts(h, runId, counts, now, "");
            h.createUpdate("UPDATE flow_runs SET status = :status, finished_at = :at, message = :message WHERE id = :id")
                    .bind("status", status).bind("at", Times.bind(now)).bind("message", cut(message))
                    .bind("id", runId).execute();
            h.createUpdate("DELETE FROM flow_active_runs WHERE run_id = :id").bind("id", runId).execute();
        });
    }

    /** The flow's runs, newest first. */
    public List<FlowRun> runs(String flow, int limit) {
        return db.withHandle("listing flow runs", h -> h.createQuery("SELECT * FROM flow_runs WHERE flow = :flow "
                + "ORDER BY started_at DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY").bind("flow", flow)
                .map((rs, ctx) -> run(rs)).list());
    }

    /** One run of the flow, if there is one with that id. */
    public Optional<FlowRun> run(String flow, UUID runId) {
        return db.withHandle("reading a flow run", h -> run(h, flow, runId));
    }

    private static Optional<FlowRun> run(Handle h, String flow, UUID runId) {
        return h.createQuery("SELECT * FROM flow_runs WHERE id = :id AND flow = :flow").bind("id", runId)
                .bind("flow", flow).map((rs, ctx) -> run(rs)).findOne();
    }

    /** The flow's latest run that finished successfully, if any (dry runs and dead-letter retries left out). */
    public Optional<FlowRun> lastSucceeded(String flow) {
        return db.withHandle("reading a flow run", h -> h.createQuery("SELECT * FROM flow_runs WHERE flow = :flow "
                + "AND status = :ok AND dry_run = FALSE AND (started_via IS NULL OR started_via <> 'retry') "
                + "ORDER BY started_at DESC FETCH FIRST 1 ROWS ONLY")
                .bind("flow", flow).bind("ok", FlowRun.SUCCEEDED).map((rs, ctx) -> run(rs)).findOne());
    }

    /** Deletes a finished run that did nothing (a trigger's poll that found no change); its checkpoint stays. */
    public void deleteRun(UUID runId) {
        db.useTransaction("deleting a flow run", h -> {
            h.createUpdate("DELETE FROM flow_active_runs WHERE run_id = :id").bind("id", runId).execute();
            h.createUpdate("DELETE FROM flow_runs WHERE id = :id").bind("id", runId).execute();
        });
    }

    /** The flow's dead letters, oldest first, decrypted. */
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

    /** Hands the key blobs of one generation of the flow to {@code each}, in chunk order, decrypted. */
    public void forEachChunkKeys(String flow, UUID generation, Consumer<String> each) {
        long from = 0;
        while (true) {
            long start = from;
            List<Object[]> page = db.withHandle("reading flow keys", h -> h.createQuery("SELECT seq, ciphertext "
                    + "FROM flow_keys WHERE flow = :flow AND generation = :g AND seq >= :from ORDER BY seq FETCH FIRST "
                    + KEY_PAGE + " ROWS ONLY").bind("flow", flow).bind("g", generation).bind("from", start)
                    .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getBytes(2)}).list());
            for (Object[] row : page) {
                each.accept(new String(cipher.openFor(owner(flow), KEYS_SLOT, (byte[]) row[1]), StandardCharsets.UTF_8));
                from = (long) row[0] + 1;
            }
            if (page.size() < KEY_PAGE) {
                return;
            }
        }
    }

    /** Deletes the flow's saved keys except those of {@code keep} (null: all of them). */
    public void deleteKeysExcept(String flow, UUID keep) {
        db.useTransaction("deleting flow keys", h -> {
            if (keep == null) {
                h.createUpdate("DELETE FROM flow_keys WHERE flow = :flow").bind("flow", flow).execute();
            } else {
                h.createUpdate("DELETE FROM flow_keys WHERE flow = :flow AND generation <> :g").bind("flow", flow)
                        .bind("g", keep).execute();
            }
        });
    }

    /** What each of {@code sourceIds} was last written as, for those the flow remembers. */
    public Map<String, SourceKey> sourceKeys(String flow, Collection<String> sourceIds) {
        return sourceKeys.get(flow, sourceIds);
    }

    /** Which of {@code keys} (as JSON) the flow remembers for some source id not in {@code exceptSourceIds}. */
    public Set<String> sourceKeysInUse(String flow, Collection<String> keys, Collection<String> exceptSourceIds) {
        return sourceKeys.inUse(flow, keys, exceptSourceIds);
    }

    /** Whether the flow remembers the target key of any source row. */
    public boolean hasSourceKeys(String flow) {
        return sourceKeys.any(flow);
    }

    /** Forgets the target keys of every source row of the flow (its target or key changed, or it reads anew). */
    public void deleteSourceKeys(String flow) {
        sourceKeys.deleteAll(flow);
    }

    /**
     * Seals dead letters an earlier version stored in clear and empties their clear column, a batch per transaction;
     * answers how many it sealed. Run when the store opens.
     */
    int sealClearDeadLetters() {
        int total = 0;
        for (int n; (n = db.inTransaction("sealing dead letters", this::sealBatch)) > 0; ) {
            total += n;
        }
        return total;
    }

    private int sealBatch(Handle h) {
        List<Object[]> rows = h.createQuery("SELECT id, flow, source FROM flow_dead_letters WHERE ciphertext IS NULL "
                + "ORDER BY id FETCH FIRST " + SEAL_BATCH + " ROWS ONLY FOR UPDATE")
                .map((rs, ctx) -> new Object[] {rs.getObject("id", UUID.class), rs.getString("flow"),
                        rs.getString("source")}).list();
        for (Object[] row : rows) {
            String source = row[2] == null ? "{}" : (String) row[2];
            Sealed s = cipher.sealFor(owner((String) row[1]), DEAD_LETTER_SLOT, source.getBytes(StandardCharsets.UTF_8));
            h.createUpdate("UPDATE flow_dead_letters SET key_id = :key, ciphertext = :ct, source = NULL WHERE id = :id")
                    .bind("key", s.keyId()).bind("ct", s.ciphertext()).bind("id", (UUID) row[0]).execute();
        }
        return rows.size();
    }

    private static String cut(String m) {
        return m == null ? null : m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE - 1) + "…" : m;
    }

    static FlowRun run(ResultSet rs) throws SQLException {
        long expected = rs.getLong("expected_count");
        Long expectedOrNull = rs.wasNull() ? null : expected;
        return new FlowRun(rs.getObject("id", UUID.class), rs.getString("flow"), rs.getString("status"),
                rs.getBoolean("dry_run"), Times.read(rs, "started_at"), Times.read(rs, "finished_at"),
                new FlowCounts(rs.getLong("read_count"), rs.getLong("created_count"), rs.getLong("updated_count"),
                        rs.getLong("skipped_count"), rs.getLong("rejected_count"), rs.getLong("deleted_count"),
                        rs.getLong("upserted_count")),
                rs.getString("message"), rs.getString("started_by"), rs.getString("started_via"), expectedOrNull,
                Times.read(rs, "progress_at"), Times.read(rs, "cancel_requested_at"),
                rs.getString("cancel_requested_by"), rs.getString("detail"), rs.getString("node"),
                rs.getInt("takeovers"), Times.read(rs, "taken_over_at"));
    }

    private DeadLetter deadLetter(ResultSet rs) throws SQLException {
        String flow = rs.getString("flow");
        byte[] ct = rs.getBytes("ciphertext");
        String source = ct == null ? rs.getString("source")
                : new String(cipher.openFor(owner(flow), DEAD_LETTER_SLOT, ct), StandardCharsets.UTF_8);
        return new DeadLetter(rs.getObject("id", UUID.class), flow, rs.getObject("run_id", UUID.class), source,
                rs.getString("error_kind"), rs.getString("message"), rs.getInt("attempts"),
                Times.read(rs, "created_at"));
    }
}
