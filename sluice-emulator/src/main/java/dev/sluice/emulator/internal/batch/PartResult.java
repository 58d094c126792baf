package dev.sluice.emulator.internal.batch;

import dev.sluice.core.DataverseHeaders;
import dev.sluice.emulator.internal.http.ApiResponse;

/** What one batch operation answered. Not thread-safe (the response is mutable). */
record PartResult(BatchOperation operation, ApiResponse response) {

    boolean failed() {
        return response.status() >= 400;
    }

    /** The URL of the entity the operation created or addressed ({@code OData-EntityId}), or null. */
    String entityUrl() {
        String id = response.headers().first(DataverseHeaders.ODATA_ENTITY_ID);
        return id != null ? id : response.headers().first("Location");
    }
}
