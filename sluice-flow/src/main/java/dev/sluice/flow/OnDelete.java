package dev.sluice.flow;

/** What a row deleted at the source does to the target ({@code on-delete:} in the target section). */
public enum OnDelete {
    /** Nothing: the target keeps the row (the default). */
    IGNORE,
    /** The target row is deleted. */
    DELETE,
    /** The target row stays, with its {@code mark-column} set (a date-time to the time seen, a boolean to true). */
    MARK
}
