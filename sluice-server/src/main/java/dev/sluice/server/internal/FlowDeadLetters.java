package dev.sluice.server.internal;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.flow.CheckedFlow;
import dev.sluice.flow.FlowDefinition;
import dev.sluice.flow.FlowRunner;
import dev.sluice.flow.RunSummary;
import dev.sluice.store.AuditAction;
import dev.sluice.store.DeadLetter;
import dev.sluice.store.SluiceStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A flow's dead letters (they hold source records: {@code read} on the source) and their replay (the grants of a
 * run; never while the flow runs), audited. Thread-safe.
 */
final class FlowDeadLetters {
    private final SluiceStore store;
    private final FlowGrants grants;
    private final FlowChecks checks;
    private final FlowRunner runner;
    /** Flows whose dead letters this node is replaying. */
    private final Map<String, Boolean> retrying = new ConcurrentHashMap<>();

    FlowDeadLetters(SluiceStore store, FlowGrants grants, FlowChecks checks, FlowRunner runner) {
        this.store = store;
        this.grants = grants;
        this.checks = checks;
        this.runner = runner;
    }

    /** The flow's dead letters, oldest first. */
    List<DeadLetter> list(Caller caller, String name) {
        ServerFlow f = grants.visible(caller, name);
        FlowDefinition def = FlowGrants.definition(f);
        if (def == null || !grants.mayReadRecords(caller, f, def)) {
            throw ApiProblem.forbidden("the dead letters of flow '" + name + "' hold source records: they need the "
                    + "'read' grant on its source connection");
        }
        return store.flows().deadLetters(f.name());
    }

    /** Replays the flow's dead letters for the caller (same grants as a run). */
    RunSummary retry(Caller caller, String name) {
        ServerFlow f = grants.runnable(caller, name);
        return retry(f, caller.name())
                .orElseThrow(() -> new SluiceException(ErrorKind.CONFLICT, "flow '" + name + "' is running; retry "
                        + "its dead letters when it has finished"));
    }

    /** Replays the dead letters unless the flow is running (then empty); audits the outcome. */
    private Optional<RunSummary> retry(ServerFlow f, String actor) {
        if (store.runLeases().activeRun(f.name()).isPresent() || retrying.putIfAbsent(f.name(), true) != null) {
            return Optional.empty();
        }
        FlowDefinition def = FlowGrants.definition(f);
        try (CheckedFlow checked = checks.check(f)) {
            RunSummary sum = runner.retryDeadLetters(checked);
            grants.audit(actor, AuditAction.FLOW_DEAD_LETTERS_RETRIED, def, "flow '" + f.name()
                    + "' dead letters retried: " + sum.line());
            return Optional.of(sum);
        } catch (SluiceException e) {
            grants.audit(actor, AuditAction.FLOW_DEAD_LETTERS_RETRIED, def, "flow '" + f.name()
                    + "' dead letters retried failed: " + e.getMessage());
            throw e;
        } finally {
            retrying.remove(f.name());
        }
    }
}
