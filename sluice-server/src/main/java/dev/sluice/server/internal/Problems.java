package dev.sluice.server.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.DataverseException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/** Writes errors as {@code application/problem+json} (RFC 9457). Stateless and thread-safe. */
public final class Problems {
    /** RFC 9457 §3: the media type of a problem document. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {}

    /** The problem for a classified Sluice error; the kind decides the status. */
    public static ApiProblem of(SluiceException e) {
        ErrorKind kind = e.kind();
        return switch (kind) {
            case INVALID_INPUT -> new ApiProblem(400, "Invalid input", e.getMessage());
            case NOT_FOUND -> new ApiProblem(404, "Not found", e.getMessage());
            case CONFLICT -> new ApiProblem(409, "Conflict", e.getMessage());
            case THROTTLED -> new ApiProblem(429, "Throttled", e.getMessage());
            // the connection's own credentials failed: the caller did nothing wrong, the connection needs attention
            case AUTH -> new ApiProblem(409, "Connection not authorized", e.getMessage());
            case FORBIDDEN -> new ApiProblem(e instanceof DataverseException ? 502 : 403,
                    e instanceof DataverseException ? "Refused by Dataverse" : "Forbidden", e.getMessage());
            case TRANSIENT -> new ApiProblem(503, "Temporarily unavailable", e.getMessage());
            case INTERNAL -> new ApiProblem(500, "Internal error", "an internal error occurred; see the server log");
        };
    }

    /** Writes the problem; {@code type} is {@code about:blank} as RFC 9457 §4.2.1 allows. */
    public static void write(Context ctx, ApiProblem p) {
        ObjectNode body = JsonBodies.MAPPER.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("detail", p.getMessage());
        String requestId = ctx.attribute(RequestLog.REQUEST_ID);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        // JSON is UTF-8 (RFC 8259 §8.1): bytes, so no default charset of the container turns non-ASCII into ?
        ctx.status(p.status()).contentType(MEDIA_TYPE)
                .result(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
