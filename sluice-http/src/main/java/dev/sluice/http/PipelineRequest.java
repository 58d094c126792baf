package dev.sluice.http;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request on its way through the pipeline. Policies may change headers; the body is sent as
 * is. Confined to the calling thread.
 */
public final class PipelineRequest {
    private final String method;
    private final URI uri;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final byte[] body;
    private final boolean retrySafe;

    /**
     * @param retrySafe whether the request may be resent after a failure whose outcome is unknown (a
     *     read, or a conditional or idempotent write); unsafe writes are resent only when the service
     *     said it did not process them (429, 503)
     */
    public PipelineRequest(String method, URI uri, byte[] body, boolean retrySafe) {
        this.method = method;
        this.uri = uri;
        this.body = body;
        this.retrySafe = retrySafe;
    }

    public static PipelineRequest get(URI uri) {
        return new PipelineRequest("GET", uri, null, true);
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    /** Body bytes, or null for none. */
    public byte[] body() {
        return body;
    }

    public boolean retrySafe() {
        return retrySafe;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public PipelineRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The path without the query string: what logs and error messages may show. */
    public String pathForLogs() {
        return uri.getRawPath();
    }
}
