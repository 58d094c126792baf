package dev.sluice.server.internal;

/**
 * An error answered as RFC 9457 {@code application/problem+json}: a status, a short title and a detail that names
 * the problem without leaking data. Immutable and thread-safe.
 */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String title;

    public ApiProblem(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** 400: the request itself is wrong. */
    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "Bad request", detail);
    }

    /** 401: no valid session or token. */
    public static ApiProblem unauthenticated() {
        return new ApiProblem(401, "Unauthenticated", "sign in, or send an API token as 'Authorization: Bearer …'");
    }

    /** 403: signed in, but not allowed; says nothing about the data. */
    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "Forbidden", detail);
    }

    /** 404. */
    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not found", detail);
    }
}
