package dev.sluice.core;

/**
 * What kind of failure a {@link SluiceException} is. The CLI's exit code, the REST API's status and
 * the flow runner's retry decision all branch on this, never on message text.
 */
public enum ErrorKind {
    /** The thing asked for does not exist. */
    NOT_FOUND(4, 404),
    /** The write conflicts with the current state (duplicate key, stale etag). */
    CONFLICT(5, 409),
    /** The service asked us to slow down; retry after a delay. */
    THROTTLED(6, 429),
    /** Authentication is missing, expired or was refused. */
    AUTH(7, 401),
    /** Authenticated, but not allowed. */
    FORBIDDEN(8, 403),
    /** The caller's input is wrong; retrying the same input will fail the same way. */
    INVALID_INPUT(2, 400),
    /** A passing failure (network, 5xx); retrying may succeed. */
    TRANSIENT(9, 503),
    /** A bug or an unexpected state. */
    INTERNAL(1, 500);

    private final int exitCode;
    private final int httpStatus;

    ErrorKind(int exitCode, int httpStatus) {
        this.exitCode = exitCode;
        this.httpStatus = httpStatus;
    }

    /** Process exit code the CLI uses for this kind. */
    public int exitCode() {
        return exitCode;
    }

    /** HTTP status the REST API uses for this kind. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether an operation that failed with this kind may succeed if retried unchanged. */
    public boolean retryable() {
        return this == THROTTLED || this == TRANSIENT;
    }
}
