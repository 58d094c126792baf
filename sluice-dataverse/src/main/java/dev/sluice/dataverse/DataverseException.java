package dev.sluice.dataverse;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.http.StatusKind;
import java.time.Duration;
import java.util.Optional;

/**
 * A failure answered by Dataverse: keeps the HTTP status, the Dataverse error code (e.g.
 * {@code 0x80040217}), the service request id and, for throttling, the retry-after. The message
 * carries no secret, body or query string.
 */
public final class DataverseException extends SluiceException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    private final String serviceRequestId;
    private final transient Duration retryAfter;

    public DataverseException(ErrorKind kind, String message, int status, String errorCode,
            String serviceRequestId, Duration retryAfter) {
        super(kind, message);
        this.status = status;
        this.errorCode = errorCode;
        this.serviceRequestId = serviceRequestId;
        this.retryAfter = retryAfter;
    }

    /** HTTP status, or 0 when no response came back. */
    public int status() {
        return status;
    }

    /** Dataverse error code such as {@code 0x80040217}, or empty. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    public Optional<String> serviceRequestId() {
        return Optional.ofNullable(serviceRequestId);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The kind a status and Dataverse code map to. */
    public static ErrorKind kindOf(int status, String code) {
        if ("0x80060882".equals(code) || "0x80060892".equals(code) || "0x80040237".equals(code)) {
            return ErrorKind.CONFLICT;
        }
        return StatusKind.of(status);
    }
}
