package dev.sluice.http;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each attempt from an allowlist: method, path (never the query string), status, duration, and
 * only the allowlisted headers; every other header is written as {@code REDACTED}.
 */
public final class LoggingPolicy implements HttpPipelinePolicy {
    /** STYLE.md: the headers whose values may be logged. */
    static final Set<String> ALLOWED = Set.of("odata-version", "prefer", "preference-applied", "retry-after",
            "x-ms-service-request-id", "x-ms-client-request-id", "x-ms-dop-hint",
            "x-ms-ratelimit-burst-remaining-xrm-requests", "x-ms-ratelimit-time-remaining-xrm-requests",
            "content-type", "content-length", "data-access-intent", "isolation");

    private final Logger log;
    private final String call;

    /** Logs Dataverse calls under {@code dev.sluice.dataverse.http}. */
    public LoggingPolicy() {
        this("dataverse");
    }

    /** Logs calls to a service under {@code dev.sluice.SERVICE.http}, e.g. {@code businesscentral}. */
    public LoggingPolicy(String service) {
        this.log = LoggerFactory.getLogger("dev.sluice." + service + ".http");
        this.call = service + " call";
    }

    @Override
    public PipelineResponse process(PipelineRequest request, Next next) throws IOException {
        if (!log.isDebugEnabled()) {
            return next.send(request);
        }
        long start = System.nanoTime();
        try {
            PipelineResponse response = next.send(request);
            log.atDebug().addKeyValue("method", request.method()).addKeyValue("path", request.pathForLogs())
                    .addKeyValue("status", response.status())
                    .addKeyValue("durationMs", (System.nanoTime() - start) / 1_000_000)
                    .addKeyValue("requestHeaders", redact(request.headers().entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()).toList()))
                    .addKeyValue("responseHeaders", redact(response.headers().map().entrySet().stream()
                            .map(e -> e.getKey() + "=" + String.join(",", e.getValue())).toList()))
                    .log(call);
            return response;
        } catch (IOException e) {
            log.atDebug().addKeyValue("method", request.method()).addKeyValue("path", request.pathForLogs())
                    .addKeyValue("durationMs", (System.nanoTime() - start) / 1_000_000)
                    .addKeyValue("error", e.getClass().getSimpleName()).log(call + " failed");
            throw e;
        }
    }

    /** {@code name=value} pairs with values outside the allowlist replaced by REDACTED. */
    static String redact(List<String> pairs) {
        StringBuilder sb = new StringBuilder();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            String name = p.substring(0, eq);
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(name).append('=')
                    .append(ALLOWED.contains(name.toLowerCase(Locale.ROOT)) ? p.substring(eq + 1) : "REDACTED");
        }
        return sb.toString();
    }
}
