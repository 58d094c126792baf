package dev.sluice.emulator.internal.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.DataverseHeaders;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.http.ResourcePath;
import dev.sluice.emulator.internal.schema.OrgSchema;
import dev.sluice.emulator.internal.schema.TableDef;
import java.io.IOException;

/**
 * What one batch operation answered. Not thread-safe (the response is mutable).
 *
 * @param operation the operation as read from the batch
 * @param request the request it ran as, or null when it failed before it could be built
 * @param response its answer
 */
record PartResult(BatchOperation operation, ApiRequest request, ApiResponse response) {

    boolean failed() {
        return response.status() >= 400;
    }

    /**
     * The URL of the entity the operation created or addressed: its {@code OData-EntityId}, or for a
     * {@code 201 Created} representation (sent without that header) the entity set of the request
     * and the primary key in the body; null when there is none.
     */
    String entityUrl(OrgSchema schema) {
        String id = response.headers().first(DataverseHeaders.ODATA_ENTITY_ID);
        if (id != null) {
            return id;
        }
        if (response.status() != 201 || request == null) {
            return response.headers().first("Location");
        }
        ResourcePath path = ResourcePath.parse(request.path());
        TableDef table = path.isEmpty() ? null : schema.tableBySet(path.get(0).name());
        if (table == null) {
            return null;
        }
        try {
            JsonNode key = Json.MAPPER.readTree(response.body()).get(table.primaryIdAttribute());
            return key == null || !key.isTextual() ? null
                    : request.baseUrl() + table.entitySetName() + "(" + key.textValue() + ")";
        } catch (IOException e) {
            // a body that is not JSON names no record: the part goes without an OData-EntityId, as Dataverse's does
            return null;
        }
    }
}
