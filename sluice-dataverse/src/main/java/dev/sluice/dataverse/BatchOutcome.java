package dev.sluice.dataverse;

import dev.sluice.core.ErrorKind;
import java.util.UUID;

/**
 * What happened to one operation of a batch. Immutable.
 *
 * @param index the operation's position in the batch, from 0
 * @param status the HTTP status of its part, or 0 when it was not executed (an earlier failure
 *     stopped the batch)
 * @param id the row it created or addressed, when the service said (creates, updates, upserts)
 * @param row the row a get read, else null
 * @param errorKind the kind of failure, or null when it succeeded
 * @param errorCode the Dataverse error code, e.g. {@code 0x80040217}, or null
 * @param message what went wrong, or null when it succeeded
 * @param alreadyWritten whether it succeeded without changing anything because its work was already done
 *     before this batch (a create whose client-assigned id exists with the same values)
 */
public record BatchOutcome(int index, int status, UUID id, Row row, ErrorKind errorKind, String errorCode,
        String message, boolean alreadyWritten) {
    public BatchOutcome(int index, int status, UUID id, Row row, ErrorKind errorKind, String errorCode,
            String message) {
        this(index, status, id, row, errorKind, errorCode, message, false);
    }

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    /** Whether the service ran it (succeeded, failed, or rolled back with its change set). */
    public boolean executed() {
        return status != 0;
    }
}
