package dev.sluice.emulator.internal.http;

/**
 * A Dataverse error answer: HTTP status, Dataverse error code (hex) and message. Thrown anywhere in
 * request handling; turned into {@code {"error":{"code":…,"message":…}}} at the edge.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final HeaderMap headers = new HeaderMap();

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** Adds a header to the error response (e.g. {@code WWW-Authenticate}, {@code Retry-After}). */
    public ApiException header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    public HeaderMap headers() {
        return headers;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }
}
