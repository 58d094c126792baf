package dev.sluice.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Sends requests with the JDK {@link HttpClient} and reads each body in full (a page is at most a few
 * megabytes), so that a connection dropped mid-body is an {@link IOException} the retry policy sees.
 * Thread-safe.
 */
public final class JdkTransport implements HttpPipelinePolicy.Next {
    private final HttpClient http;
    private final Duration timeout;

    public JdkTransport(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public PipelineResponse send(PipelineRequest request) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(timeout);
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        b.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new PipelineResponse(r.statusCode(), r.headers(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw (InterruptedIOException) new InterruptedIOException("interrupted while waiting for "
                    + request.method() + " " + request.pathForLogs()).initCause(e);
        }
    }
}
