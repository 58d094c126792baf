package dev.sluice.http;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A response read in full: status, headers and body bytes, and whether an earlier attempt of the same
 * request may have been done by the service although its answer was lost (a dropped connection, a
 * timeout, a 500/502/504): then a "duplicate" or "not found" in this answer may be that attempt's work.
 * Immutable.
 */
public record PipelineResponse(int status, HttpHeaders headers, byte[] body, boolean afterUnknownOutcome) {
    public PipelineResponse(int status, HttpHeaders headers, byte[] body) {
        this(status, headers, body, false);
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** This response, marked as coming after an attempt whose outcome is unknown. */
    PipelineResponse afterUnknownOutcome(boolean unknown) {
        return unknown == afterUnknownOutcome ? this : new PipelineResponse(status, headers, body, unknown);
    }
}
