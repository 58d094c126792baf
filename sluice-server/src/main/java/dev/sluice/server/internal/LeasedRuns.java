package dev.sluice.server.internal;

import dev.sluice.core.SluiceException;
import dev.sluice.flow.CheckedFlow;
import dev.sluice.flow.FlowDefinition;
import dev.sluice.flow.FlowRunner;
import dev.sluice.flow.RunOptions;
import dev.sluice.flow.RunSummary;
import dev.sluice.store.AuditAction;
import dev.sluice.store.FlowRun;
import dev.sluice.store.RunLease;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs this node picked from the queue: each held through a lease (a takeover when another node held it and
 * stopped answering), run from its checkpoint with every write fenced by the lease, and audited with who, which
 * flow, which node and its counts. A node that is draining gives its runs back at the next chunk boundary.
 * Thread-safe.
 */
final class LeasedRuns {
    /** Logged as the flow service, as before the split. */
    private static final Logger LOG = LoggerFactory.getLogger(FlowService.class);

    private final Services s;
    private final FlowCatalog catalog;
    private final FlowGrants grants;
    private final FlowChecks checks;
    private final FlowRunner runner;
    private final LocalNode node;
    /** Runs this node holds now. */
    private final Map<UUID, RunLease> held = new ConcurrentHashMap<>();

    LeasedRuns(Services services, FlowCatalog catalog, FlowGrants grants, FlowChecks checks, FlowRunner runner,
            LocalNode node) {
        this.s = services;
        this.catalog = catalog;
        this.grants = grants;
        this.checks = checks;
        this.runner = runner;
        this.node = node;
    }

    /** How many runs this node holds now. */
    int held() {
        return held.size();
    }

    /** Runs a run this node picked from the queue, holding its lease throughout. */
    RunQueue.Outcome execute(UUID runId) {
        if (node.draining()) {
            return RunQueue.Outcome.RELEASED;
        }
        RunLease lease = s.store().runLeases().acquire(runId, node.name()).orElse(null);
        if (lease == null) {
            return RunQueue.Outcome.DONE; // it ended meanwhile (cancelled while queued, or finished before a crash)
        }
        s.store().runLeases().fence(lease);
        held.put(runId, lease);
        try {
            return execute(lease);
        } catch (RuntimeException e) {
            return failed(lease, e);
        } finally {
            held.remove(runId);
            s.store().runLeases().unfence(runId);
        }
    }

    private RunQueue.Outcome failed(RunLease lease, RuntimeException e) {
        if (!s.store().runLeases().holds(lease)) {
            LOG.warn("flow run lost to another node flow={} run={} node={} message={}", lease.flow(), lease.runId(),
                    node.name(), e.getMessage());
            return RunQueue.Outcome.LOST;
        }
        LOG.warn("flow run failed flow={} run={} node={} message={}", lease.flow(), lease.runId(), node.name(),
                e.getMessage());
        s.metrics().runEnded("failed");
        grants.audit(lease.startedBy(), AuditAction.FLOW_RUN, catalog.find(lease.flow()).map(FlowGrants::definition)
                .orElse(null), "flow '" + lease.flow() + "' " + lease.startedVia() + " failed on node "
                + node.name() + ": " + e.getMessage());
        return RunQueue.Outcome.DONE;
    }

    private RunQueue.Outcome execute(RunLease lease) {
        Optional<ServerFlow> found = catalog.find(lease.flow());
        FlowDefinition def = found.map(FlowGrants::definition).orElse(null);
        if (lease.takeover()) {
            tookOver(lease, def);
        }
        FlowRun run = s.store().flows().run(lease.flow(), lease.runId()).orElseThrow();
        if (lease.cancelRequested()) {
            return end(lease, run, FlowRun.CANCELLED, "cancelled at a chunk boundary; the checkpoint is kept");
        }
        if (found.isEmpty()) {
            return end(lease, run, FlowRun.FAILED, "flow '" + lease.flow() + "' is not known to node " + node.name()
                    + " (not uploaded, and not in its flows folder); give every node the same flows folder, or "
                    + "upload the flow");
        }
        CheckedFlow checked;
        try {
            checked = checks.check(found.get());
        } catch (SluiceException e) {
            end(lease, run, FlowRun.FAILED, e.getMessage());
            grants.audit(lease.startedBy(), AuditAction.FLOW_RUN, def, "flow '" + lease.flow() + "' "
                    + lease.startedVia() + " failed: " + e.getMessage());
            return RunQueue.Outcome.DONE;
        }
        try (checked) {
            return run(lease, checked, def);
        }
    }

    /** Logs, counts and audits a takeover: how long the node that held the run had been silent. */
    private void tookOver(RunLease lease, FlowDefinition def) {
        // the lease plus the time to notice
        Long silentMs = s.store().nodes().get(lease.takenOverFrom()).map(n -> Duration.between(
                n.heartbeatAt(), s.clock().instant()).toMillis()).orElse(null);
        LOG.warn("flow run taken over flow={} run={} node={} from={} silentMs={}", lease.flow(), lease.runId(),
                node.name(), lease.takenOverFrom(), silentMs);
        s.metrics().takeover();
        grants.audit(FlowService.SCHEDULER, AuditAction.FLOW_RUN, def, "flow '" + lease.flow() + "' run "
                + lease.runId() + " taken over by node " + node.name() + " from node " + lease.takenOverFrom()
                + (silentMs == null ? "" : " (silent for " + silentMs + " ms)")
                + "; it goes on from its last checkpoint");
    }

    /** Ends a run before it starts: its status and why, its counts as they are. */
    private RunQueue.Outcome end(RunLease lease, FlowRun run, String status, String message) {
        s.store().flows().finishRun(lease.runId(), status, run.counts(), message);
        s.metrics().runEnded(status);
        return RunQueue.Outcome.DONE;
    }

    private RunQueue.Outcome run(RunLease lease, CheckedFlow checked, FlowDefinition def) {
        String how = lease.startedVia();
        RunSummary sum = runner.run(checked, RunOptions.DEFAULTS.withRun(lease.runId())
                .startedBy(lease.startedBy(), how).releasingWhen(node::draining));
        if (sum.released()) {
            s.store().runLeases().release(lease);
            s.metrics().runEnded(RunSummary.RELEASED);
            LOG.info("flow run given back flow={} run={} node={} read={}", lease.flow(), lease.runId(),
                    node.name(), sum.read());
            return RunQueue.Outcome.RELEASED;
        }
        s.metrics().runEnded(sum.status());
        if ("trigger".equals(how) && sum.read() == 0) {
            // a poll that found nothing new leaves no run behind; its checkpoint has still moved on
            s.store().flows().deleteRun(sum.runId());
        } else {
            grants.audit(lease.startedBy(), AuditAction.FLOW_RUN, def, "flow '" + lease.flow() + "' " + how + ": "
                    + sum.line() + " (node " + node.name() + ")");
        }
        return RunQueue.Outcome.DONE;
    }
}
