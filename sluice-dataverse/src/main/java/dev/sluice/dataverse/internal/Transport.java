package dev.sluice.dataverse.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.RemoteText;
import dev.sluice.dataverse.DataverseException;
import dev.sluice.http.HttpPipeline;
import dev.sluice.http.PipelineRequest;
import dev.sluice.http.PipelineResponse;
import dev.sluice.http.ServiceEndpoint;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Sends requests through the pipeline and turns failures into {@link DataverseException}s that keep
 * the status, Dataverse code and service request id. Thread-safe.
 */
public final class Transport {
    /** The module's one Jackson mapper (default settings); its factory is the streaming one too. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceEndpoint endpoint;

    public Transport(HttpPipeline pipeline, URI serviceRoot) {
        this.endpoint = new ServiceEndpoint(pipeline, serviceRoot, "Dataverse",
                message -> new DataverseException(ErrorKind.TRANSIENT, message, 0, null, null, null));
    }

    public URI serviceRoot() {
        return endpoint.serviceRoot();
    }

    /** Resolves a path (and raw query) against the service root. */
    public URI uri(String pathAndQuery) {
        return endpoint.uri(pathAndQuery);
    }

    /** Sends and returns a successful response (2xx or 304), or throws a DataverseException. */
    public PipelineResponse send(PipelineRequest request) {
        PipelineResponse response = exchange(request);
        if (response.isSuccess() || response.status() == 304) {
            return response;
        }
        throw error(request, response);
    }

    /**
     * Sends and returns whatever the service answered (after the pipeline's retries); throws a
     * TRANSIENT DataverseException only when no answer came back.
     */
    public PipelineResponse exchange(PipelineRequest request) {
        return endpoint.exchange(request, () -> request.method() + " " + request.pathForLogs());
    }

    /** The exception for a failed response. */
    public static DataverseException error(PipelineRequest request, PipelineResponse response) {
        String code = null;
        String message = null;
        try {
            JsonNode err = JSON.readTree(response.body()).path("error");
            code = err.path("code").isTextual() ? err.path("code").textValue().replaceAll("[^A-Za-z0-9_.-]", "") : null;
            code = code == null || code.length() <= 64 ? code : code.substring(0, 64);
            // the service's own words, as a short excerpt: a body from elsewhere never reaches a person whole
            message = err.path("message").isTextual() ? RemoteText.excerpt(err.path("message").textValue()) : null;
        } catch (IOException | RuntimeException e) {
            // not JSON: keep the status only
        }
        Duration retryAfter = response.header("Retry-After").map(v -> {
            try {
                return Duration.ofSeconds(Long.parseLong(v.trim()));
            } catch (NumberFormatException e) {
                // Retry-After as an HTTP date or garbage: no hint in seconds
                return null;
            }
        }).orElse(null);
        String requestId = response.header("x-ms-service-request-id").orElse(null);
        ErrorKind kind = DataverseException.kindOf(response.status(), code);
        String text = request.method() + " " + shortPath(request) + " failed with HTTP " + response.status()
                + (code == null || code.isEmpty() ? "" : " (" + code + ")") + ": "
                + (message == null ? "no error details" : message) + hint(kind);
        return new DataverseException(kind, text, response.status(), code, requestId, retryAfter);
    }

    private static String shortPath(PipelineRequest request) {
        String p = request.pathForLogs();
        int api = p.indexOf("/api/data/");
        String rest = api < 0 ? p : p.substring(p.indexOf('/', api + "/api/data/".length()) + 1);
        return rest.length() > 120 ? rest.substring(0, 120) + "…" : rest;
    }

    private static String hint(ErrorKind kind) {
        return switch (kind) {
            case AUTH -> " — re-authorize the connection";
            case THROTTLED -> " — Dataverse is throttling this identity; the retry budget ran out, try later";
            case TRANSIENT -> " — a passing failure; try again";
            default -> "";
        };
    }
}
