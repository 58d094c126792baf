package dev.sluice.http;

import java.io.IOException;

/**
 * No token could be had for a request because the identity provider failed in a passing way (it is
 * down, or answered 5xx): the request was not sent, so the retry policy may send it again later,
 * whatever it is.
 */
public final class IdentityUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public IdentityUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
