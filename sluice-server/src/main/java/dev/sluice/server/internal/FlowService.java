package dev.sluice.server.internal;

import dev.sluice.flow.FlowDefinition;
import dev.sluice.flow.FlowException;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.FlowRunner;
import dev.sluice.flow.RunSummary;
import dev.sluice.store.DeadLetter;
import dev.sluice.store.FlowRun;
import dev.sluice.store.FlowVersion;
import dev.sluice.store.SluiceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What people do with flows, for the REST API, the web UI and the scheduler alike: list, upload (validated first),
 * run on demand, run history with live progress, cancel, dead letters and their retry. Every run goes through
 * {@link FlowRuns}: it is recorded and queued in the store ({@link RunQueue}), answers at once with the run's id, and
 * runs on whichever node of the cluster picks it ({@link LeasedRuns}), holding it through a lease; a node that stops
 * answering loses its runs to the others, which go on from the last checkpoint. A run's state (status, counters, who
 * started it and how, its node, a cancel request) lives in the engine store, so every node and page sees the same
 * progress. A run needs {@code read} on the source connection and {@code write} on the target; a connection the flow
 * file declares (files, JDBC) counts as its uploader's; admins may do anything. Every run is audited with who, which
 * flow, which node and its counts. One queued or running run of a flow at a time across the cluster. A thin facade over one class
 * per job: {@link FlowGrants} (grants and audit), {@link FlowChecks} (validation), {@link FlowUploads} (files and
 * versions), {@link FlowRuns} (start, progress, cancel), {@link LeasedRuns} (this node's runs) and
 * {@link FlowDeadLetters}. Thread-safe.
 */
public final class FlowService {
    private static final Logger LOG = LoggerFactory.getLogger(FlowService.class);
    /** Runs shown with a flow. */
    public static final int RECENT_RUNS = 20;
    /** The actor of scheduled and triggered runs in the audit log. */
    public static final String SCHEDULER = "scheduler";
    /** How long a stopping server waits for its runs to reach a chunk boundary. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final Services s;
    private final SluiceStore store;
    private final FlowCatalog catalog;
    private final FlowScheduler scheduler;
    private final LocalNode node;
    private final RunQueue queue;
    private final FlowGrants grants;
    private final FlowChecks checks;
    private final FlowUploads uploads;
    private final FlowRuns runs;
    private final FlowDeadLetters deadLetters;

    /**
     * @param schedulerPolling how often the scheduler looks for due schedules and triggers
     * @param node this server as a node of the cluster (its name, run limit and lease)
     */
    public FlowService(Services services, FlowCatalog catalog, Duration schedulerPolling, LocalNode node) {
        this.s = services;
        this.store = services.store();
        this.catalog = catalog;
        this.node = node;
        this.grants = new FlowGrants(services, catalog);
        this.checks = new FlowChecks(services);
        FlowRunner runner = new FlowRunner(store.flows(), services.clock());
        LeasedRuns leased = new LeasedRuns(services, catalog, grants, checks, runner, node);
        this.queue = new RunQueue(store.dataSource(), node.name(), node.runLimit(), node.lease(), leased::execute);
        this.runs = new FlowRuns(store, catalog, grants, checks, queue);
        this.scheduler = new FlowScheduler(store.dataSource(), schedulerPolling, node, runs::runUnattended);
        this.uploads = new FlowUploads(store, catalog, grants, checks, scheduler);
        this.deadLetters = new FlowDeadLetters(store, grants, checks, runner);
        services.metrics().node(node.runLimit(), leased::held);
    }

    /** The server's clock, for progress (rate, ETA) as of now. */
    public Instant now() {
        return s.clock().instant();
    }

    /** Whether a flow passed validation, with its problems if not. Immutable. */
    public record Validation(boolean valid, List<FlowProblem> problems) {
        public Validation {
            problems = List.copyOf(problems);
        }
    }

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

    /** A saved flow as the caller sees it, and the version the save made. */
    public record Saved(Uploaded uploaded, FlowVersion version) {}

    /** Starts the run queue and the scheduler, and registers every flow's schedule and trigger. */
    public void start() {
        queue.start();
        scheduler.start();
        List<ServerFlow> all = catalog.list();
        for (ServerFlow f : all) {
            scheduler.sync(f.name(), FlowGrants.definition(f));
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
            FlowDefinition def = FlowGrants.definition(f);
            if (grants.maySee(caller, f, def)) {
                out.add(view(caller, f, def, checks.validation(f, false)));
            }
        }
        return out;
    }

    /** One flow, validated now. */
    public FlowView get(Caller caller, String name) {
        ServerFlow f = grants.visible(caller, name);
        return view(caller, f, FlowGrants.definition(f), checks.validation(f, true));
    }

    /**
     * Validates and stores an uploaded flow file; a {@link FlowException} names every problem. A flow that declares
     * its own connections reaches this server's files, databases and environment, so only an admin may upload one.
     */
    public Uploaded upload(Caller caller, String yaml) {
        return save(caller, yaml, FlowVersion.UPLOAD, null).uploaded();
    }

    /**
     * Validates and stores a flow file as its next version, saved as {@code origin} ({@link FlowVersion#UPLOAD} or
     * {@link FlowVersion#DESIGNER}); with {@code expectedVersion} it is refused (409) when the flow's latest version is
     * another (0: a new flow). The same rules as an upload: only its owner or an admin replaces a flow; connections
     * declared in the file are for admins; a database registered for flows needs {@code read} as the source and
     * {@code write} as the target, since scheduled runs act with the server's rights.
     */
    public Saved save(Caller caller, String yaml, String origin, Integer expectedVersion) {
        FlowUploads.Stored stored = uploads.save(caller, yaml, origin, expectedVersion);
        FlowView view = view(caller, stored.flow(), stored.definition(), checks.validation(stored.flow(), false));
        return new Saved(new Uploaded(view, stored.created()), stored.version());
    }

    /** Every saved version of a flow the caller may see, newest first (empty for a folder flow). */
    public List<FlowVersion> versions(Caller caller, String name) {
        return uploads.versions(caller, name);
    }

    /** One saved version of a flow the caller may see. */
    public FlowVersion version(Caller caller, String name, int version) {
        return uploads.version(caller, name, version);
    }

    /** The flow as the caller may see it, whether it parses or not. */
    public ServerFlow flow(Caller caller, String name) {
        return grants.visible(caller, name);
    }

    /**
     * Starts the flow for the caller (read on the source, write on the target) and answers at once with the run,
     * recorded as running; it goes on on whichever node has room. CONFLICT when the flow is already queued or running.
     */
    public FlowRun start(Caller caller, String name) {
        return runs.start(caller, name);
    }

    /** One run of the flow, with its progress so far. */
    public FlowRun run(Caller caller, String name, UUID runId) {
        return runs.run(caller, name, runId);
    }

    /**
     * Asks a running run to stop at its next chunk boundary, its checkpoint intact (same grants as a run). Answers the
     * run as it is now; it says {@code cancelled} once it has stopped.
     */
    public FlowRun cancel(Caller caller, String name, UUID runId) {
        return runs.cancel(caller, name, runId);
    }

    /** Replays the flow's dead letters for the caller (same grants as a run). */
    public RunSummary retryDeadLetters(Caller caller, String name) {
        return deadLetters.retry(caller, name);
    }

    /** The flow's latest runs, newest first. */
    public List<FlowRun> runs(Caller caller, String name) {
        return runs.runs(caller, name);
    }

    /** The flow's dead letters, oldest first (they hold source records: read on the source). */
    public List<DeadLetter> deadLetters(Caller caller, String name) {
        return deadLetters.list(caller, name);
    }

    private FlowView view(Caller caller, ServerFlow f, FlowDefinition def, Validation v) {
        List<FlowRun> last = store.flows().runs(f.name(), 1);
        boolean run = def != null && grants.mayRun(caller, f, def);
        boolean records = def != null && grants.mayReadRecords(caller, f, def);
        return new FlowView(f, def, v, last.isEmpty() ? null : last.get(0), run, records);
    }
}
