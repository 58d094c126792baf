package dev.sluice.dataverse;

import java.util.List;

/** The outcome of every input record of a bulk write, in input order. Immutable. */
public record BulkResult(List<BulkOutcome> outcomes) {
    public BulkResult {
        outcomes = List.copyOf(outcomes);
    }

    public BulkOutcome outcome(int index) {
        return outcomes.get(index);
    }

    public List<BulkOutcome> failures() {
        return outcomes.stream().filter(BulkOutcome::failed).toList();
    }

    public long succeeded() {
        return outcomes.stream().filter(o -> !o.failed()).count();
    }
}
