package dev.sluice.core;

import java.util.Objects;

/**
 * The one unchecked exception of Sluice, classified by {@link ErrorKind}. Messages say what went
 * wrong, where, and what to do; they never carry a secret, a header value, a body, or a URL with its
 * query string.
 */
public class SluiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    public SluiceException(ErrorKind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public SluiceException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** The kind of failure; decides exit codes, HTTP statuses and retries. */
    public ErrorKind kind() {
        return kind;
    }
}
