package dev.sluice.flow;

/**
 * A place in a flow file: 1-based line and column. Immutable.
 *
 * @param line line number from 1 (0 when unknown)
 * @param column column number from 1 (0 when unknown)
 */
public record Location(int line, int column) {
    /** Where nothing more precise is known. */
    public static final Location UNKNOWN = new Location(0, 0);

    /** This location moved right by {@code columns} characters on the same line. */
    public Location plusColumns(int columns) {
        return new Location(line, column + columns);
    }
}
