package dev.sluice.emulator.internal.metadata;

import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.emulator.internal.http.ApiException;

/** The Dataverse-shaped errors of metadata requests. Stateless. */
final class MetadataErrors {
    /** Dataverse: QueryBuilderNoEntity, sent when a table is not in the metadata cache. */
    static final String QUERY_BUILDER_NO_ENTITY = "0x80041102";
    /** Observed: code of "Resource not found for the segment" (fact sheet §B.9). */
    static final String NO_CODE = "0x0";

    private MetadataErrors() {}

    /** 400 for a query option the OData layer rejects. */
    static ApiException badQuery(String message) {
        return ApiException.badRequest(DataverseErrorCodes.QUERY_NOT_SUPPORTED, message);
    }

    static ApiException unknownProperty(String property, String qualifiedType) {
        return badQuery("Could not find a property named '" + property + "' on type '" + qualifiedType + "'.");
    }

    static ApiException segmentNotFound(String segment) {
        return ApiException.notFound(NO_CODE, "Resource not found for the segment '" + segment + "'.");
    }

    static ApiException tableNotFound(String name) {
        return ApiException.notFound(QUERY_BUILDER_NO_ENTITY,
                "The entity with a name = '" + name + "' with namemapping = 'Logical' was not found in the "
                        + "MetadataCache.");
    }

    static ApiException itemNotFound(String what, String key) {
        return ApiException.notFound(DataverseErrorCodes.OBJECT_DOES_NOT_EXIST,
                "Could not find " + what + " with " + key + ".");
    }

    static ApiException invalidKey(MetadataType type, String keyText, String expected) {
        return ApiException.badRequest(DataverseErrorCodes.CRM_HTTP_ERROR,
                "The key in the request URI is not valid for resource '" + type.qualifiedName() + "': '" + keyText
                        + "'. Use a MetadataId (a GUID) or " + expected + ".");
    }

    static ApiException metadataChange(String method, String set) {
        return new ApiException(405, DataverseErrorCodes.NOT_SUPPORTED,
                "The HTTP method '" + method + "' is not supported on '" + set + "': the Sluice emulator does not "
                        + "support metadata changes (creating, updating or deleting tables, columns, keys, "
                        + "relationships or option sets). Declare extra tables in a schema file instead "
                        + "(Emulator.builder().schemaFile(path)).");
    }
}
