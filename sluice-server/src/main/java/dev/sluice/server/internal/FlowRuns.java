package dev.sluice.server.internal;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.flow.FlowDefinition;
import dev.sluice.store.AuditAction;
import dev.sluice.store.FlowRun;
import dev.sluice.store.SluiceStore;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting, watching and cancelling runs. Every run goes through {@link #launch}: it is recorded and queued in the
 * store ({@link RunQueue}), answers at once with the run's id, and runs on whichever node picks it
 * ({@link LeasedRuns}). One queued or running run of a flow at a time across the cluster. Thread-safe.
 */
final class FlowRuns {
    /** Logged as the flow service, as before the split. */
    private static final Logger LOG = LoggerFactory.getLogger(FlowService.class);

    private final SluiceStore store;
    private final FlowCatalog catalog;
    private final FlowGrants grants;
    private final FlowChecks checks;
    private final RunQueue queue;

    FlowRuns(SluiceStore store, FlowCatalog catalog, FlowGrants grants, FlowChecks checks, RunQueue queue) {
        this.store = store;
        this.catalog = catalog;
        this.grants = grants;
        this.checks = checks;
        this.queue = queue;
    }

    /** See {@link FlowService#start(Caller, String)}. */
    FlowRun start(Caller caller, String name) {
        ServerFlow f = grants.runnable(caller, name);
        FlowDefinition def = FlowGrants.definition(f);
        try {
            checks.check(f).close();
        } catch (SluiceException e) {
            grants.audit(caller.name(), AuditAction.FLOW_RUN, def, "flow '" + f.name() + "' on demand failed: "
                    + e.getMessage());
            throw e;
        }
        return launch(f, caller.name(), "on demand").orElseThrow(() -> new SluiceException(ErrorKind.CONFLICT,
                "flow '" + name + "' is already running" + store.runLeases().activeRun(f.name()).map(r -> " (run "
                        + r + ")").orElse("") + "; wait for it, or cancel it"));
    }

    /** One run of the flow, with its progress so far. */
    FlowRun run(Caller caller, String name, UUID runId) {
        ServerFlow f = grants.visible(caller, name);
        return store.flows().run(f.name(), runId).orElseThrow(() -> ApiProblem.notFound("no run " + runId
                + " of flow '" + name + "'"));
    }

    /** See {@link FlowService#cancel}. */
    FlowRun cancel(Caller caller, String name, UUID runId) {
        ServerFlow f = grants.runnable(caller, name);
        FlowRun run = store.flows().requestCancel(f.name(), runId, caller.name()).orElseThrow(() ->
                ApiProblem.notFound("no run " + runId + " of flow '" + name + "'"));
        if (run.running() && run.node() == null && store.runLeases().cancelQueued(runId, "cancelled by "
                + caller.name() + " before a node took it")) {
            run = store.flows().run(f.name(), runId).orElseThrow();
        } else if (!run.running()) {
            throw new ApiProblem(409, "Conflict", "run " + runId + " of flow '" + name + "' has already ended ("
                    + run.status() + ")");
        }
        grants.audit(caller.name(), AuditAction.FLOW_RUN, FlowGrants.definition(f), "flow '" + f.name() + "' run "
                + runId + ": cancel requested");
        return run;
    }

    /** The flow's latest runs, newest first. */
    List<FlowRun> runs(Caller caller, String name) {
        return store.flows().runs(grants.visible(caller, name).name(), FlowService.RECENT_RUNS);
    }

    /** A run queued by the scheduler ({@code schedule}) or a trigger's poll ({@code trigger}). */
    void runUnattended(String name, String kind) {
        Optional<ServerFlow> f = catalog.find(name);
        if (f.isEmpty()) {
            LOG.info("scheduled flow is gone flow={} kind={}", name, kind);
            return;
        }
        try {
            if (launch(f.get(), FlowService.SCHEDULER, kind).isEmpty()) {
                LOG.info("scheduled flow skipped: already running flow={} kind={}", name, kind);
            }
        } catch (SluiceException e) {
            LOG.warn("scheduled flow failed flow={} kind={} message={}", name, kind, e.getMessage());
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
}
