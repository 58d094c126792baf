package dev.sluice.businesscentral.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.businesscentral.BusinessCentralException;
import dev.sluice.core.ErrorKind;
import dev.sluice.http.HttpPipeline;
import dev.sluice.http.PipelineRequest;
import dev.sluice.http.PipelineResponse;
import dev.sluice.http.ServiceEndpoint;
import java.io.IOException;
import java.net.URI;

/**
 * Sends requests through the shared pipeline and turns failures into {@link BusinessCentralException}s that keep
 * the status, Business Central's error code and the {@code request-id}. Thread-safe.
 */
public final class BcTransport {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceEndpoint endpoint;

    public BcTransport(HttpPipeline pipeline, URI serviceRoot) {
        this.endpoint = new ServiceEndpoint(pipeline, serviceRoot, "Business Central",
                message -> new BusinessCentralException(ErrorKind.TRANSIENT, message, 0, null, null));
    }

    public URI serviceRoot() {
        return endpoint.serviceRoot();
    }

    public URI uri(String pathAndQuery) {
        return endpoint.uri(pathAndQuery);
    }

    /** Sends and returns a 2xx response, or throws. */
    public PipelineResponse send(PipelineRequest request) {
        PipelineResponse response = endpoint.exchange(request, () -> request.method() + " " + shortPath(request));
        if (response.isSuccess()) {
            return response;
        }
        throw error(request.method() + " " + shortPath(request), response.status(), response.body(),
                response.header("request-id").orElse(null));
    }

    /** The exception for a failed answer (also a failed {@code $batch} part). */
    public static BusinessCentralException error(String what, int status, byte[] body, String requestId) {
        String code = null;
        String message = null;
        try {
            JsonNode err = JSON.readTree(body).path("error");
            code = err.path("code").isTextual() ? err.path("code").textValue().replaceAll("[^A-Za-z0-9_.-]", "") : null;
            message = err.path("message").isTextual() ? excerpt(err.path("message").textValue()) : null;
        } catch (IOException | RuntimeException e) {
            // not JSON: the status says enough
        }
        ErrorKind kind = BusinessCentralException.kindOf(status, code);
        return new BusinessCentralException(kind, what + " failed with HTTP " + status
                + (code == null || code.isEmpty() ? "" : " (" + code + ")") + ": "
                + (message == null ? "no error details" : message) + hint(kind, code), status, code, requestId);
    }

    /** The service's own words, short and on one line: a body never reaches a person whole. */
    static String excerpt(String text) {
        String one = text.replaceAll("\\p{Cntrl}", " ").strip();
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }

    private static String hint(ErrorKind kind, String code) {
        if ("BadRequest_InvalidToken".equals(code)) {
            return " — Business Central needs the entity's @odata.etag in If-Match";
        }
        return switch (kind) {
            case AUTH -> " — re-authorize the connection";
            case THROTTLED -> " — Business Central is throttling this identity; the retry budget ran out, try later";
            case TRANSIENT -> " — a passing failure; try again";
            case CONFLICT -> "Request_EntityChanged".equals(code) ? " — read the entity again and retry" : "";
            default -> "";
        };
    }

    private static String shortPath(PipelineRequest request) {
        String p = request.pathForLogs();
        int api = p.indexOf("/api/v2.0/");
        String rest = api < 0 ? p : p.substring(api + "/api/v2.0/".length());
        return rest.length() > 120 ? rest.substring(0, 120) + "…" : rest;
    }
}
