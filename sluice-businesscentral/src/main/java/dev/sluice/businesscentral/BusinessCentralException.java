package dev.sluice.businesscentral;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.http.StatusKind;

/**
 * A failure Business Central answered (or no answer), classified by kind, with the HTTP status, Business Central's
 * error code ({@code BadRequest_NotFound}, {@code Request_EntityChanged}, {@code Internal_EntityWithSameKeyExists}…)
 * and the response's {@code request-id}. The message never carries a token, a body or a query string. Immutable.
 */
public final class BusinessCentralException extends SluiceException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String requestId;

    public BusinessCentralException(ErrorKind kind, String message, int status, String code, String requestId) {
        super(kind, message);
        this.status = status;
        this.code = code;
        this.requestId = requestId;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** Business Central's error code, or null. */
    public String code() {
        return code;
    }

    /** The response's {@code request-id}, or null. */
    public String requestId() {
        return requestId;
    }

    /** The kind of a Business Central answer: by error code where it says more than the status. */
    public static ErrorKind kindOf(int status, String code) {
        if ("Request_EntityChanged".equals(code) || "Internal_EntityWithSameKeyExists".equals(code)) {
            return ErrorKind.CONFLICT;
        }
        if (code != null && code.startsWith("Authentication_")) {
            return ErrorKind.AUTH;
        }
        if (code != null && code.startsWith("Authorization_")) {
            return ErrorKind.FORBIDDEN;
        }
        return StatusKind.of(status);
    }
}
