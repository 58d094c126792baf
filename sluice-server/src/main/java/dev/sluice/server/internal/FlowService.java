package dev.sluice.server.internal;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.flow.CheckedFlow;
import dev.sluice.flow.FlowDefinition;
import dev.sluice.flow.FlowException;
import dev.sluice.flow.FlowParser;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.FlowRunner;
import dev.sluice.flow.FlowValidator;
import dev.sluice.flow.ParsedFlow;
import dev.sluice.flow.RunOptions;
import dev.sluice.flow.RunSummary;
import dev.sluice.flow.StoreConnections;
import dev.sluice.store.AuditAction;
import dev.sluice.store.Connection;
import dev.sluice.store.DeadLetter;
import dev.sluice.store.FlowRun;
import dev.sluice.store.FlowVersion;
import dev.sluice.store.GrantLevel;
import dev.sluice.store.RunLease;
import dev.sluice.store.SluiceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What people do with flows, for the REST API, the web UI and the scheduler alike: list, upload (validated first),
 * run on demand, run history with live progress, cancel, dead letters and their retry. Every run goes through
 * {@link #launch}: it is recorded and queued in the store ({@link RunQueue}), answers at once with the run's id, and
 * runs on whichever node of the cluster picks it ({@link #execute}), holding it through a lease; a node that stops
 * answering loses its runs to the others, which go on from the last checkpoint. A run's state (status, counters, who
 * started it and how, its node, a cancel request) lives in the engine store, so every node and page sees the same
 * progress. A run needs {@code read} on the source connection and {@code write} on the target; a connection the flow
 * file declares (files, JDBC) counts as its uploader's; admins may do anything. Every run is audited with who, which
 * flow, which node and its counts. One queued or running run of a flow at a time across the cluster. Thread-safe.
 */
public final class FlowService {
    private static final Logger LOG = LoggerFactory.getLogger(FlowService.class);
    /** Flow names go into URLs and the store's VARCHAR(100) columns. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** Runs shown with a flow. */
    public static final int RECENT_RUNS = 20;
    /** The actor of scheduled and triggered runs in the audit log. */
    public static final String SCHEDULER = "scheduler";
    /** How long a stopping server waits for its runs to reach a chunk boundary. */
    private static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(30);

    private final Services s;
    private final SluiceStore store;
    private final FlowCatalog catalog;
    private final FlowValidator validator;
    private final FlowRunner runner;
    private final FlowScheduler scheduler;
    private final LocalNode node;
    private final RunQueue queue;
    /** Flows whose dead letters this node is replaying. */
    private final Map<String, Boolean> retrying = new ConcurrentHashMap<>();
    /** Runs this node holds now. */
    private final Map<UUID, RunLease> held = new ConcurrentHashMap<>();
    private final Map<String, Checked> validations = new ConcurrentHashMap<>();

    /**
     * @param schedulerPolling how often the scheduler looks for due schedules and triggers
     * @param node this server as a node of the cluster (its name, run limit and lease)
     */
    public FlowService(Services services, FlowCatalog catalog, java.time.Duration schedulerPolling, LocalNode node) {
        this.s = services;
        this.store = services.store();
        this.catalog = catalog;
        this.node = node;
        this.validator = new FlowValidator(new StoreConnections(services.credentials()));
        this.runner = new FlowRunner(store.flows(), services.clock());
        this.scheduler = new FlowScheduler(store.dataSource(), schedulerPolling, node, this::runUnattended);
        this.queue = new RunQueue(store.dataSource(), node.name(), node.runLimit(), node.lease(), this::execute);
        services.metrics().node(node.runLimit(), held::size);
    }

    /** The server's clock, for progress (rate, ETA) as of now. */
    public java.time.Instant now() {
        return s.clock().instant();
    }

    /** Whether a flow passed validation, with its problems if not. Immutable. */
    public record Validation(boolean valid, List<FlowProblem> problems) {
        public Validation {
            problems = List.copyOf(problems);
        }
    }

    private record Checked(String yaml, Validation validation) {}

    /**
     * A flow as one caller sees it. Immutable.
     *
     * @param flow the flow
     * @param definition its definition, or null when the file cannot be parsed
     * @param validation its validation state
     * @param lastRun its latest run, or null
     * @param mayRun whether the caller may run it and retry its dead letters
     * @param mayReadRecords whether the caller may see its dead letters (source records: read on the source)
     */
    public record FlowView(ServerFlow flow, FlowDefinition definition, Validation validation, FlowRun lastRun,
            boolean mayRun, boolean mayReadRecords) {}

    /** An uploaded flow, and whether it is new (else it replaced an earlier upload). */
    public record Uploaded(FlowView view, boolean created) {}

    /** Starts the run queue and the scheduler, and registers every flow's schedule and trigger. */
    public void start() {
        queue.start();
        scheduler.start();
        List<ServerFlow> all = catalog.list();
        for (ServerFlow f : all) {
            scheduler.sync(f.name(), definition(f));
        }
        scheduler.forgetAllBut(all.stream().map(ServerFlow::name).toList());
    }

    /**
     * Drains this node: it takes no new runs, its runs stop at their next chunk boundary (checkpoint saved) and go back
     * to the queue, where another node (or this one, when it starts again) goes on with them. Waits for them briefly;
     * a run that does not reach a chunk boundary in time is taken over when its lease expires.
     */
    public void stop() {
        node.drain();
        scheduler.stop();
        try {
            if (queue.drain(STOP_WAIT)) {
                LOG.info("node drained node={}", node.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The flows the caller may see. */
    public List<FlowView> list(Caller caller) {
        List<FlowView> out = new ArrayList<>();
        for (ServerFlow f : catalog.list()) {
            FlowDefinition def = definition(f);
            if (maySee(caller, f, def)) {
                out.add(view(caller, f, def, validation(f, false)));
            }
        }
        return out;
    }

    /** One flow, validated now. */
    public FlowView get(Caller caller, String name) {
        ServerFlow f = visible(caller, name);
        return view(caller, f, definition(f), validation(f, true));
    }

    /**
     * Validates and stores an uploaded flow file; a {@link FlowException} names every problem. A flow that declares
     * its own connections reaches this server's files, databases and environment, so only an admin may upload one.
     */
    public Uploaded upload(Caller caller, String yaml) {
        return save(caller, yaml, FlowVersion.UPLOAD, null).uploaded();
    }

    /** A saved flow as the caller sees it, and the version the save made. */
    public record Saved(Uploaded uploaded, FlowVersion version) {}

    /**
     * Validates and stores a flow file as its next version, saved as {@code origin} ({@link FlowVersion#UPLOAD} or
     * {@link FlowVersion#DESIGNER}); with {@code expectedVersion} it is refused (409) when the flow's latest version is
     * another (0: a new flow). The same rules as an upload: only its owner or an admin replaces a flow; connections
     * declared in the file are for admins; a database registered for flows needs {@code read} as the source and
     * {@code write} as the target, since scheduled runs act with the server's rights.
     */
    public Saved save(Caller caller, String yaml, String origin, Integer expectedVersion) {
        if (yaml == null || yaml.isBlank()) {
            throw ApiProblem.badRequest("the body must be a flow file (YAML)");
        }
        ParsedFlow parsed = FlowParser.parse("upload.flow.yaml", yaml);
        FlowDefinition def = parsed.definition();
        String name = def.name();
        if (!NAME.matcher(name).matches()) {
            throw ApiProblem.badRequest("flow name '" + name + "' must be 1-100 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
        if (catalog.inFolder(name)) {
            throw new ApiProblem(409, "Conflict", "flow '" + name + "' comes from the server's flows folder; give "
                    + "the uploaded flow another name");
        }
        Optional<dev.sluice.store.StoredFlow> earlier = store.flowDefinitions().get(name);
        if (earlier.isPresent() && !caller.isAdmin() && !earlier.get().uploadedBy().equals(caller.name())) {
            throw ApiProblem.forbidden("flow '" + name + "' was uploaded by another user; only they or an admin may "
                    + "replace it");
        }
        if (!def.connections().isEmpty() && !caller.isAdmin()) {
            throw ApiProblem.forbidden("flow '" + name + "' declares connections (" + String.join(", ",
                    def.connections().keySet()) + ") that reach this server's files, databases or environment; only "
                    + "an admin may upload such a flow. Use connections of the server instead.");
        }
        for (String c : List.of(def.source().connection(), def.target().connection())) {
            if (!def.connections().containsKey(c) && store.connections().get(c).isPresent()) {
                s.access().require(caller, c, GrantLevel.VIEW);
            }
        }
        requireDatabases(caller, def);
        ServerFlow candidate = new ServerFlow(name, name + ".flow.yaml", yaml, caller.name(), null);
        check(candidate).close();
        FlowVersion version = store.flowDefinitions().save(name, yaml, caller.name(), origin, expectedVersion).version();
        ServerFlow stored = catalog.find(name).orElseThrow();
        boolean designed = FlowVersion.DESIGNER.equals(origin);
        audit(caller.name(), designed ? AuditAction.FLOW_SAVED : AuditAction.FLOW_UPLOADED, def, "flow '" + name + "' "
                + (designed ? "saved in the designer" : earlier.isPresent() ? "replaced" : "uploaded") + " as version "
                + version.version());
        scheduler.sync(name, def);
        return new Saved(new Uploaded(view(caller, stored, def, validation(stored, false)), earlier.isEmpty()), version);
    }

    /** A database registered for flows is reached only with a grant on it: read as the source, write as the target. */
    private void requireDatabases(Caller caller, FlowDefinition def) {
        if (caller.isAdmin()) {
            return;
        }
        Map<String, GrantLevel> needed = new java.util.LinkedHashMap<>();
        needed.put(def.target().connection(), GrantLevel.WRITE);
        needed.merge(def.source().connection(), GrantLevel.READ, (a, b) -> a.includes(b) ? a : b);
        needed.forEach((name, level) -> {
            if (!def.connections().containsKey(name) && store.connections().get(name).isEmpty()
                    && store.databases().get(name).isPresent()
                    && !s.access().levelByName(caller, name).map(l -> l.includes(level)).orElse(false)) {
                throw ApiProblem.forbidden("flow '" + def.name() + "' uses database '" + name + "', which needs the '"
                        + level.wireName() + "' grant on it (an admin gives it under Databases)");
            }
        });
    }

    /** Every saved version of a flow the caller may see, newest first (empty for a folder flow). */
    public List<FlowVersion> versions(Caller caller, String name) {
        ServerFlow f = visible(caller, name);
        return f.fromFolder() ? List.of() : store.flowDefinitions().versions(f.name());
    }

    /** One saved version of a flow the caller may see. */
    public FlowVersion version(Caller caller, String name, int version) {
        ServerFlow f = visible(caller, name);
        return store.flowDefinitions().version(f.name(), version).filter(v -> !f.fromFolder())
                .orElseThrow(() -> ApiProblem.notFound("flow '" + name + "' has no version " + version));
    }

    /** The flow as the caller may see it, whether it parses or not. */
    public ServerFlow flow(Caller caller, String name) {
        return visible(caller, name);
    }

    /**
     * Starts the flow for the caller (read on the source, write on the target) and answers at once with the run,
     * recorded as running; it goes on on whichever node has room. CONFLICT when the flow is already queued or running.
     */
    public FlowRun start(Caller caller, String name) {
        ServerFlow f = runnable(caller, name);
        FlowDefinition def = definition(f);
        try {
            check(f).close();
        } catch (SluiceException e) {
            audit(caller.name(), AuditAction.FLOW_RUN, def, "flow '" + f.name() + "' on demand failed: "
                    + e.getMessage());
            throw e;
        }
        return launch(f, caller.name(), "on demand").orElseThrow(() -> new SluiceException(ErrorKind.CONFLICT,
                "flow '" + name + "' is already running" + store.runLeases().activeRun(f.name()).map(r -> " (run "
                        + r + ")").orElse("") + "; wait for it, or cancel it"));
    }

    /** One run of the flow, with its progress so far. */
    public FlowRun run(Caller caller, String name, UUID runId) {
        ServerFlow f = visible(caller, name);
        return store.flows().run(f.name(), runId).orElseThrow(() -> ApiProblem.notFound("no run " + runId
                + " of flow '" + name + "'"));
    }

    /**
     * Asks a running run to stop at its next chunk boundary, its checkpoint intact (same grants as a run). Answers the
     * run as it is now; it says {@code cancelled} once it has stopped.
     */
    public FlowRun cancel(Caller caller, String name, UUID runId) {
        ServerFlow f = runnable(caller, name);
        FlowRun run = store.flows().requestCancel(f.name(), runId, caller.name()).orElseThrow(() ->
                ApiProblem.notFound("no run " + runId + " of flow '" + name + "'"));
        if (run.running() && run.node() == null && store.runLeases().cancelQueued(runId, "cancelled by "
                + caller.name() + " before a node took it")) {
            run = store.flows().run(f.name(), runId).orElseThrow();
        } else if (!run.running()) {
            throw new ApiProblem(409, "Conflict", "run " + runId + " of flow '" + name + "' has already ended ("
                    + run.status() + ")");
        }
        audit(caller.name(), AuditAction.FLOW_RUN, definition(f), "flow '" + f.name() + "' run " + runId
                + ": cancel requested");
        return run;
    }

    /** Replays the flow's dead letters for the caller (same grants as a run). */
    public RunSummary retryDeadLetters(Caller caller, String name) {
        ServerFlow f = runnable(caller, name);
        return retry(f, caller.name())
                .orElseThrow(() -> new SluiceException(ErrorKind.CONFLICT, "flow '" + name + "' is running; retry "
                        + "its dead letters when it has finished"));
    }

    /** The flow's latest runs, newest first. */
    public List<FlowRun> runs(Caller caller, String name) {
        return store.flows().runs(visible(caller, name).name(), RECENT_RUNS);
    }

    /** The flow's dead letters, oldest first (they hold source records: read on the source). */
    public List<DeadLetter> deadLetters(Caller caller, String name) {
        ServerFlow f = visible(caller, name);
        FlowDefinition def = definition(f);
        if (def == null || !may(caller, f, def, def.source().connection(), GrantLevel.READ)) {
            throw ApiProblem.forbidden("the dead letters of flow '" + name + "' hold source records: they need the "
                    + "'read' grant on its source connection");
        }
        return store.flows().deadLetters(f.name());
    }

    /** A run queued by the scheduler ({@code schedule}) or a trigger's poll ({@code trigger}). */
    void runUnattended(String name, String kind) {
        Optional<ServerFlow> f = catalog.find(name);
        if (f.isEmpty()) {
            LOG.info("scheduled flow is gone flow={} kind={}", name, kind);
            return;
        }
        try {
            if (launch(f.get(), SCHEDULER, kind).isEmpty()) {
                LOG.info("scheduled flow skipped: already running flow={} kind={}", name, kind);
            }
        } catch (SluiceException e) {
            LOG.warn("scheduled flow failed flow={} kind={} message={}", name, kind, e.getMessage());
        }
    }

    /** Replays the dead letters unless the flow is running (then empty); audits the outcome. */
    private Optional<RunSummary> retry(ServerFlow f, String actor) {
        if (store.runLeases().activeRun(f.name()).isPresent() || retrying.putIfAbsent(f.name(), true) != null) {
            return Optional.empty();
        }
        FlowDefinition def = definition(f);
        try (CheckedFlow checked = check(f)) {
            RunSummary sum = runner.retryDeadLetters(checked);
            audit(actor, AuditAction.FLOW_DEAD_LETTERS_RETRIED, def, "flow '" + f.name() + "' dead letters retried: "
                    + sum.line());
            return Optional.of(sum);
        } catch (SluiceException e) {
            audit(actor, AuditAction.FLOW_DEAD_LETTERS_RETRIED, def, "flow '" + f.name() + "' dead letters retried "
                    + "failed: " + e.getMessage());
            throw e;
        } finally {
            retrying.remove(f.name());
        }
    }

    /**
     * The one way a flow runs: records the run (running, no node yet) and queues it for the first node with room.
     * Empty when the flow already has a queued or running run.
     */
    private Optional<FlowRun> launch(ServerFlow f, String actor, String how) {
        Optional<FlowRun> run = store.runLeases().queue(f.name(), actor, how);
        run.ifPresent(r -> queue.wake());
        return run;
    }

    /**
     * Runs a run this node picked from the queue: takes its lease (a takeover when another node held it and stopped
     * answering), validates the flow, runs it from its checkpoint with every write fenced by the lease, and audits
     * the outcome. A node that is draining gives the run back at the next chunk boundary.
     */
    RunQueue.Outcome execute(UUID runId) {
        if (node.draining()) {
            return RunQueue.Outcome.RELEASED;
        }
        RunLease lease = store.runLeases().acquire(runId, node.name()).orElse(null);
        if (lease == null) {
            return RunQueue.Outcome.DONE; // it ended meanwhile (cancelled while queued, or finished before a crash)
        }
        store.runLeases().fence(lease);
        held.put(runId, lease);
        try {
            return execute(lease);
        } catch (RuntimeException e) {
            if (!store.runLeases().holds(lease)) {
                LOG.warn("flow run lost to another node flow={} run={} node={} message={}", lease.flow(), runId,
                        node.name(), e.getMessage());
                return RunQueue.Outcome.LOST;
            }
            LOG.warn("flow run failed flow={} run={} node={} message={}", lease.flow(), runId, node.name(),
                    e.getMessage());
            s.metrics().runEnded("failed");
            audit(lease.startedBy(), AuditAction.FLOW_RUN, catalog.find(lease.flow()).map(FlowService::definition)
                    .orElse(null), "flow '" + lease.flow() + "' " + lease.startedVia() + " failed on node "
                    + node.name() + ": " + e.getMessage());
            return RunQueue.Outcome.DONE;
        } finally {
            held.remove(runId);
            store.runLeases().unfence(runId);
        }
    }

    private RunQueue.Outcome execute(RunLease lease) {
        String how = lease.startedVia();
        Optional<ServerFlow> found = catalog.find(lease.flow());
        FlowDefinition def = found.map(FlowService::definition).orElse(null);
        if (lease.takeover()) {
            // how long the node that held the run had been silent: the lease plus the time to notice
            Long silentMs = store.nodes().get(lease.takenOverFrom()).map(n -> java.time.Duration.between(
                    n.heartbeatAt(), s.clock().instant()).toMillis()).orElse(null);
            LOG.warn("flow run taken over flow={} run={} node={} from={} silentMs={}", lease.flow(), lease.runId(),
                    node.name(), lease.takenOverFrom(), silentMs);
            s.metrics().takeover();
            audit(SCHEDULER, AuditAction.FLOW_RUN, def, "flow '" + lease.flow() + "' run " + lease.runId()
                    + " taken over by node " + node.name() + " from node " + lease.takenOverFrom()
                    + (silentMs == null ? "" : " (silent for " + silentMs + " ms)")
                    + "; it goes on from its last checkpoint");
        }
        FlowRun run = store.flows().run(lease.flow(), lease.runId()).orElseThrow();
        if (lease.cancelRequested()) {
            store.flows().finishRun(lease.runId(), FlowRun.CANCELLED, run.counts(), "cancelled at a chunk boundary; "
                    + "the checkpoint is kept");
            s.metrics().runEnded(FlowRun.CANCELLED);
            return RunQueue.Outcome.DONE;
        }
        if (found.isEmpty()) {
            store.flows().finishRun(lease.runId(), FlowRun.FAILED, run.counts(), "flow '" + lease.flow() + "' is not "
                    + "known to node " + node.name() + " (not uploaded, and not in its flows folder); give every node "
                    + "the same flows folder, or upload the flow");
            s.metrics().runEnded(FlowRun.FAILED);
            return RunQueue.Outcome.DONE;
        }
        CheckedFlow checked;
        try {
            checked = check(found.get());
        } catch (SluiceException e) {
            store.flows().finishRun(lease.runId(), FlowRun.FAILED, run.counts(), e.getMessage());
            s.metrics().runEnded(FlowRun.FAILED);
            audit(lease.startedBy(), AuditAction.FLOW_RUN, def, "flow '" + lease.flow() + "' " + how + " failed: "
                    + e.getMessage());
            return RunQueue.Outcome.DONE;
        }
        try (checked) {
            RunSummary sum = runner.run(checked, RunOptions.DEFAULTS.withRun(lease.runId())
                    .startedBy(lease.startedBy(), how).releasingWhen(node::draining));
            if (sum.released()) {
                store.runLeases().release(lease);
                s.metrics().runEnded(RunSummary.RELEASED);
                LOG.info("flow run given back flow={} run={} node={} read={}", lease.flow(), lease.runId(),
                        node.name(), sum.read());
                return RunQueue.Outcome.RELEASED;
            }
            s.metrics().runEnded(sum.status());
            if ("trigger".equals(how) && sum.read() == 0) {
                // a poll that found nothing new leaves no run behind; its checkpoint has still moved on
                store.flows().deleteRun(sum.runId());
            } else {
                audit(lease.startedBy(), AuditAction.FLOW_RUN, def, "flow '" + lease.flow() + "' " + how + ": "
                        + sum.line() + " (node " + node.name() + ")");
            }
            return RunQueue.Outcome.DONE;
        }
    }

    /** Parses and validates; remembers the outcome for the list. The caller closes the checked flow. */
    private CheckedFlow check(ServerFlow f) {
        try {
            CheckedFlow c = validator.check(f.parse());
            validations.put(f.name(), new Checked(f.yaml(), new Validation(true, List.of())));
            return c;
        } catch (FlowException e) {
            validations.put(f.name(), new Checked(f.yaml(), new Validation(false, e.problems())));
            throw e;
        } catch (SluiceException e) {
            FlowProblem p = new FlowProblem(f.file(), null, e.getMessage(), null);
            validations.put(f.name(), new Checked(f.yaml(), new Validation(false, List.of(p))));
            throw new FlowException(List.of(p));
        }
    }

    private Validation validation(ServerFlow f, boolean fresh) {
        Checked known = validations.get(f.name());
        if (!fresh && known != null && known.yaml().equals(f.yaml())) {
            return known.validation();
        }
        try {
            check(f).close();
        } catch (FlowException e) {
            // remembered by check
        }
        return validations.get(f.name()).validation();
    }

    private FlowView view(Caller caller, ServerFlow f, FlowDefinition def, Validation v) {
        List<FlowRun> last = store.flows().runs(f.name(), 1);
        boolean run = def != null && mayRun(caller, f, def);
        boolean records = def != null && may(caller, f, def, def.source().connection(), GrantLevel.READ);
        return new FlowView(f, def, v, last.isEmpty() ? null : last.get(0), run, records);
    }

    private static FlowDefinition definition(ServerFlow f) {
        try {
            return f.parse().definition();
        } catch (FlowException e) {
            return null;
        }
    }

    /** The flow if the caller may see it; the same 404 for a flow that does not exist and one they may not see. */
    private ServerFlow visible(Caller caller, String name) {
        Optional<ServerFlow> f = catalog.find(name);
        if (f.isEmpty() || !maySee(caller, f.get(), definition(f.get()))) {
            throw ApiProblem.notFound("no flow '" + name + "'" + (caller.isAdmin() ? "" : " that you may see"));
        }
        return f.get();
    }

    private ServerFlow runnable(Caller caller, String name) {
        ServerFlow f = visible(caller, name);
        FlowDefinition def = definition(f);
        if (def == null) {
            f.parse(); // a file that cannot be parsed: throws its problems
        }
        if (!mayRun(caller, f, def)) {
            throw ApiProblem.forbidden("running flow '" + name + "' needs the 'read' grant on its source connection '"
                    + def.source().connection() + "' and the 'write' grant on its target connection '"
                    + def.target().connection() + "'" + (def.connections().isEmpty() ? ""
                    : "; connections the flow file declares count as its uploader's"));
        }
        return f;
    }

    private boolean maySee(Caller caller, ServerFlow f, FlowDefinition def) {
        if (caller.isAdmin() || caller.name().equals(f.owner())) {
            return true;
        }
        return def != null && (may(caller, f, def, def.source().connection(), GrantLevel.VIEW)
                || may(caller, f, def, def.target().connection(), GrantLevel.VIEW));
    }

    private boolean mayRun(Caller caller, ServerFlow f, FlowDefinition def) {
        return may(caller, f, def, def.source().connection(), GrantLevel.READ)
                && may(caller, f, def, def.target().connection(), GrantLevel.WRITE);
    }

    /** Whether the caller holds {@code needed} on the named connection of this flow. */
    private boolean may(Caller caller, ServerFlow f, FlowDefinition def, String connection, GrantLevel needed) {
        if (caller.isAdmin()) {
            return true;
        }
        if (def.connections().containsKey(connection)) {
            return caller.name().equals(f.owner());
        }
        return s.access().levelByName(caller, connection).map(l -> l.includes(needed)).orElse(false);
    }

    /** Audits against the flow's first server connection, so its managers see it in their audit log. */
    private void audit(String actor, AuditAction action, FlowDefinition def, String detail) {
        Connection c = null;
        if (def != null) {
            for (String name : List.of(def.source().connection(), def.target().connection())) {
                if (c == null && !def.connections().containsKey(name)) {
                    c = store.connections().get(name).orElse(null);
                }
            }
        }
        store.audit().append(actor, action, c == null ? null : c.id(), c == null ? null : c.name(), detail);
    }
}
