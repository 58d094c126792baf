package dev.sluice.emulator.internal.identity;

/**
 * An identity platform error: the OAuth {@code error} value, the AADSTS number and message, and the
 * HTTP status the token endpoint answers with (fact sheet §F.3). Thrown while handling a request and
 * rendered by {@link OAuthResponses#error} (JSON) or as an error redirect / page.
 */
public final class AadError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final int code;
    private final String suberror;

    public AadError(int status, String error, int code, String message, String suberror) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.code = code;
        this.suberror = suberror;
    }

    /** 400 with this {@code error} value. */
    public static AadError of(String error, int code, String message) {
        return new AadError(400, error, code, message, null);
    }

    /** 401 {@code invalid_client}: the client failed to authenticate. */
    public static AadError invalidClient(int code, String message) {
        return new AadError(401, "invalid_client", code, message, null);
    }

    /** AADSTS900144: a required parameter is missing. */
    public static AadError missing(String parameter) {
        return of("invalid_request", 900144, "The request body must contain the following parameter: '"
                + parameter + "'.");
    }

    /** AADSTS9002313: the request is malformed. */
    public static AadError malformed(String what) {
        return of("invalid_request", 9002313, "Invalid request. Request is malformed or invalid. " + what);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public int code() {
        return code;
    }

    public String suberror() {
        return suberror;
    }

    /** {@code AADSTS70008: …}: how every description begins. */
    public String aadstsMessage() {
        return "AADSTS" + code + ": " + getMessage();
    }
}
