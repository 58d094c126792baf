package dev.sluice.auth;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;

/**
 * An OAuth2 error answer ({@code error} such as {@code invalid_grant}) or a failed flow. Messages
 * carry the error code and the service's description (which never holds a secret), never a token.
 */
public final class OAuthException extends SluiceException {
    private static final long serialVersionUID = 1L;

    private final String error;
    private final int status;

    public OAuthException(ErrorKind kind, String error, int status, String message) {
        super(kind, message);
        this.error = error;
        this.status = status;
    }

    /** As above, keeping the failure that led to it. */
    public OAuthException(ErrorKind kind, String error, int status, String message, Throwable cause) {
        super(kind, message, cause);
        this.error = error;
        this.status = status;
    }

    /** The OAuth2 {@code error} code, e.g. {@code invalid_grant}, or null for local failures. */
    public String error() {
        return error;
    }

    /** HTTP status of the error answer, or 0. */
    public int status() {
        return status;
    }

    /** Whether only a new authorization can fix this (expired or revoked grant, consent missing). */
    public boolean needsAuthorization() {
        return "invalid_grant".equals(error) || "needs_authorization".equals(error) || "interaction_required".equals(error)
                || "consent_required".equals(error) || "login_required".equals(error);
    }
}
