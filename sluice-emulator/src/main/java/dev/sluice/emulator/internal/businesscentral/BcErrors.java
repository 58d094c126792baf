package dev.sluice.emulator.internal.businesscentral;

import dev.sluice.emulator.internal.http.ApiException;
import java.util.UUID;

/**
 * Business Central's errors: {@code {"error":{"code":"…","message":"…  CorrelationId:  {guid}."}}} with the codes of
 * Microsoft's "Error codes" page (BadRequest_*, Request_EntityChanged, Internal_*, Application_*). Stateless.
 */
final class BcErrors {
    private BcErrors() {}

    static ApiException of(int status, String code, String message) {
        return new ApiException(status, code, message + "  CorrelationId:  " + UUID.randomUUID() + ".");
    }

    static ApiException badRequest(String code, String message) {
        return of(400, code, message);
    }

    /** An unknown entity set, company or key: 404 {@code BadRequest_NotFound}. */
    static ApiException notFound(String message) {
        return of(404, "BadRequest_NotFound", message);
    }

    /** A PATCH without {@code If-Match} (Microsoft's error code table). */
    static ApiException missingIfMatch() {
        return badRequest("BadRequest_InvalidToken", "Could not validate the client concurrency token required by the "
                + "service. Please provide a valid token in the client request.");
    }

    /** An {@code If-Match} that is not the entity's current etag: 409, as Business Central answers. */
    static ApiException changed() {
        return of(409, "Request_EntityChanged", "Another user has already changed the record.");
    }

    static ApiException sameKey(BcEntitySet set, String number) {
        return badRequest("Internal_EntityWithSameKeyExists", "The record in table " + set.tableCaption()
                + " already exists. Identification fields and values: No.='" + number + "'");
    }

    static ApiException methodNotAllowed(String method, String setName) {
        return of(405, "BadRequest_MethodNotAllowed", "'" + method + "' requests for '" + setName
                + "' of EdmType 'Entity' are not allowed within Microsoft Dynamics 365 Business Central OData web "
                + "services.");
    }
}
