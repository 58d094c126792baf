package dev.sluice.businesscentral;

/**
 * The answer to one {@link BatchOperation}, in the order sent: the status, the entity for a create or update, or
 * Business Central's error code and message. Immutable.
 */
public record BatchResponse(int index, int status, Entity entity, String errorCode, String errorMessage) {
    public boolean failed() {
        return status >= 400;
    }

    /** The kind of the failure (see {@link BusinessCentralException#kindOf}). */
    public dev.sluice.core.ErrorKind errorKind() {
        return BusinessCentralException.kindOf(status, errorCode);
    }
}
