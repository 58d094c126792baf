package dev.sluice.server.internal.design;

import java.util.List;

/** A design that cannot be saved (or previewed) as it is, with what to fix by field. */
public final class DesignProblems extends RuntimeException {
    private final transient List<FieldProblem> problems;

    public DesignProblems(List<FieldProblem> problems) {
        super(problems.isEmpty() ? "the flow cannot be saved" : problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
