package dev.sluice.core;

/**
 * What happened to one input record of a write: created, updated, upserted (created or updated, the target did not
 * say which), deleted, unchanged, or failed with a kind and message (no secrets, no record contents).
 */
public record WriteOutcome(int index, Status status, String id, ErrorKind errorKind, String message) {
    /**
     * The result of one record. {@code UPSERTED}: written by an upsert whose answer does not say whether it created
     * the row or updated it (Dataverse's {@code UpsertMultiple} gives ids only).
     */
    public enum Status { CREATED, UPDATED, UPSERTED, DELETED, UNCHANGED, FAILED }

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
