package dev.sluice.flow;

/** What a run does with a record that cannot be mapped or written. */
public enum ErrorPolicy {
    /** Keep the record, its error kind and message in the dead letters and go on. */
    DEAD_LETTER,
    /** Stop at the first bad record; the checkpoint stays just before it. */
    FAIL
}
