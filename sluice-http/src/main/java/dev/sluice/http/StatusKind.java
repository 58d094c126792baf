package dev.sluice.http;

import dev.sluice.core.ErrorKind;

/** The kind of a failed HTTP answer by its status alone, as both Microsoft services use the statuses. Stateless. */
public final class StatusKind {
    private StatusKind() {}

    /** The kind a status maps to; a service's own error codes may say more and are checked by its client first. */
    public static ErrorKind of(int status) {
        return switch (status) {
            case 400, 405, 413, 501 -> ErrorKind.INVALID_INPUT;
            case 401 -> ErrorKind.AUTH;
            case 403 -> ErrorKind.FORBIDDEN;
            case 404 -> ErrorKind.NOT_FOUND;
            case 409, 412 -> ErrorKind.CONFLICT;
            case 429 -> ErrorKind.THROTTLED;
            case 408, 500, 502, 503, 504 -> ErrorKind.TRANSIENT;
            default -> status >= 500 ? ErrorKind.TRANSIENT : ErrorKind.INTERNAL;
        };
    }
}
