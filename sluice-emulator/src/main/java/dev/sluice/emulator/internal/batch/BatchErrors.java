package dev.sluice.emulator.internal.batch;

import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.emulator.internal.http.ApiException;

/** The errors a malformed {@code $batch} request gets, worded after OData's batch reader. Thread-safe. */
final class BatchErrors {
    private BatchErrors() {}

    /**
     * A 400 for a batch that cannot be read. Dataverse's code for these is not documented; the
     * emulator uses the generic Web API failure code.
     */
    static ApiException badRequest(String message) {
        return ApiException.badRequest(DataverseErrorCodes.CRM_HTTP_ERROR, message);
    }

    /** Fact sheet §D.1: the exact message for a {@code $n} reference to an undeclared Content-ID. */
    static ApiException unknownContentId(String id) {
        return badRequest("Content-ID Reference: '$" + id + "' does not exist in the batch context.");
    }
}
