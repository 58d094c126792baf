package dev.sluice.flow;

/**
 * One thing wrong with a flow file: where it is, what is wrong, and what was probably meant. Immutable.
 *
 * @param file the flow file as given (for messages)
 * @param location line and column of the offending node
 * @param message what is wrong, naming the key, table or column
 * @param suggestion what was probably meant (e.g. a column name), or null
 */
public record FlowProblem(String file, Location location, String message, String suggestion) {
    /** By line, then column. */
    public static final java.util.Comparator<FlowProblem> IN_FILE_ORDER = java.util.Comparator
            .comparingInt((FlowProblem f) -> f.location().line()).thenComparingInt(f -> f.location().column());

    public FlowProblem {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a flow problem needs a message");
        }
        location = location == null ? Location.UNKNOWN : location;
    }

    /** {@code accounts.flow.yaml:14:3: unknown column 'emial' on table 'contact' (did you mean 'emailaddress1'?)}. */
    @Override
    public String toString() {
        return file + ":" + location.line() + ":" + location.column() + ": " + message
                + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)");
    }
}
