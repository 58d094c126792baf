package dev.sluice.auth.internal;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.sluice.core.OutboundHttp;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends a Nimbus {@link HTTPRequest} through {@link OutboundHttp} (so the outbound policy sees every token and
 * device-code request) instead of Nimbus's own {@code HttpURLConnection}, and hands the answer back as a Nimbus
 * {@link HTTPResponse}. Stateless and thread-safe.
 */
public final class NimbusHttp {
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private NimbusHttp() {}

    /** Sends and reads the whole answer; a refused destination throws before anything is sent. */
    public static HTTPResponse send(OutboundHttp outbound, HTTPRequest request, Duration timeout) throws IOException {
        URI uri = request.getURI();
        String body = request.getBody();
        HttpRequest.Builder b;
        if (request.getMethod() == HTTPRequest.Method.GET) {
            String q = request.getQuery();
            b = HttpRequest.newBuilder(q == null || q.isEmpty() ? uri
                    : URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + q)).GET();
        } else {
            b = HttpRequest.newBuilder(uri).method(request.getMethod().name(),
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        }
        b.timeout(timeout);
        for (Map.Entry<String, List<String>> h : request.getHeaderMap().entrySet()) {
            if (RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String v : h.getValue()) {
                b.header(h.getKey(), v);
            }
        }
        HttpResponse<String> r;
        try {
            r = outbound.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw (InterruptedIOException) new InterruptedIOException("interrupted while waiting for " + uri.getHost())
                    .initCause(e);
        }
        HTTPResponse out = new HTTPResponse(r.statusCode());
        r.headers().map().forEach((name, values) -> {
            if (!values.isEmpty() && !name.startsWith(":")) {
                out.setHeader(name, values.toArray(String[]::new));
            }
        });
        r.headers().firstValue("Content-Type").ifPresent(ct -> {
            try {
                out.setContentType(ct);
            } catch (ParseException e) {
                // an unreadable content type leaves it unset: the parser then refuses the body as unexpected
            }
        });
        out.setBody(r.body());
        return out;
    }
}
