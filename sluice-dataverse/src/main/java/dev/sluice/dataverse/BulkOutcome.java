package dev.sluice.dataverse;

import dev.sluice.core.ErrorKind;
import java.util.UUID;

/**
 * What happened to one input record of a bulk write. Immutable.
 *
 * @param index the record's position in the input, from 0
 * @param status what happened
 * @param id the row's id when known (creates; updates and upserts by primary key; rows read first), else
 *     null
 * @param errorKind the kind of failure, or null
 * @param errorCode the Dataverse error code, or null
 * @param message why it failed (no record values), or null
 */
public record BulkOutcome(long index, Status status, UUID id, ErrorKind errorKind, String errorCode, String message) {
    /** The result of one record. */
    public enum Status {
        /** Created by this write (also when an attempt whose answer was lost created it and a resend found it). */
        CREATED,
        UPDATED,
        /** Written by UpsertMultiple, which does not say whether it created or updated. */
        UPSERTED,
        /**
         * Already written: the row held these values before this write (written by an earlier run, or never
         * different), so nothing was changed. Reported for a create whose client-assigned id was found with
         * the same values, and for keyed writes with {@link BulkOptions#skipUnchanged()}.
         */
        UNCHANGED,
        DELETED,
        FAILED
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    static BulkOutcome failed(long index, ErrorKind kind, String code, String message) {
        return new BulkOutcome(index, Status.FAILED, null, kind, code, message);
    }
}
