package dev.sluice.flow;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A flow file that cannot be run: every problem found, each with its file, line, column and suggestion.
 * Always {@link ErrorKind#INVALID_INPUT}.
 */
public final class FlowException extends SluiceException {
    private static final long serialVersionUID = 1L;

    private final transient List<FlowProblem> problems;

    public FlowException(List<FlowProblem> problems) {
        super(ErrorKind.INVALID_INPUT, problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + " in flow file:\n" + problems.stream().map(FlowProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in file order. */
    public List<FlowProblem> problems() {
        return problems;
    }
}
