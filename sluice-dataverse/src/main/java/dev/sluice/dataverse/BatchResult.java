package dev.sluice.dataverse;

import java.util.List;

/**
 * The outcome of every operation of a batch, in input order (one per operation, also for those not
 * executed). Immutable.
 */
public record BatchResult(List<BatchOutcome> outcomes) {
    public BatchResult {
        outcomes = List.copyOf(outcomes);
    }

    public BatchOutcome outcome(BatchRef ref) {
        return outcomes.get(ref.index());
    }

    public BatchOutcome outcome(int index) {
        return outcomes.get(index);
    }

    /** The operations that failed or were not executed. */
    public List<BatchOutcome> failures() {
        return outcomes.stream().filter(o -> !o.succeeded()).toList();
    }

    public boolean allSucceeded() {
        return outcomes.stream().allMatch(BatchOutcome::succeeded);
    }
}
