package dev.sluice.core;

/**
 * What happened to one input record of a write: created, updated, deleted, unchanged, or failed with
 * a kind and message (no secrets, no record contents).
 */
public record WriteOutcome(int index, Status status, String id, ErrorKind errorKind, String message) {
    /** The result of one record. */
    public enum Status { CREATED, UPDATED, DELETED, UNCHANGED, FAILED }

    public static WriteOutcome ok(int index, Status status, String id) {
        return new WriteOutcome(index, status, id, null, null);
    }

    public static WriteOutcome failed(int index, ErrorKind kind, String message) {
        return new WriteOutcome(index, Status.FAILED, null, kind, message);
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
