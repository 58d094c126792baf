package dev.sluice.server.internal;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Structured request logs: each request gets an id (the caller's {@code X-Request-Id} when it is a plain token,
 * else a new UUID), echoed in the response and put in the MDC as {@code requestId}; one line per request with
 * method, path (never the query string), status and duration. Thread-safe.
 */
public final class RequestLog {
    /** Context attribute and MDC key holding the request id. */
    public static final String REQUEST_ID = "requestId";
    /** Header carrying the request id both ways. */
    public static final String HEADER = "X-Request-Id";
    private static final String STARTED = "sluice.started";
    /** A caller's id is kept only when it is short and plain, so it cannot forge log lines. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Logger LOG = LoggerFactory.getLogger("dev.sluice.server.requests");

    private RequestLog() {}

    /** Before every request. */
    public static void begin(Context ctx) {
        String given = ctx.header(HEADER);
        String id = given != null && PLAIN.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.attribute(REQUEST_ID, id);
        ctx.attribute(STARTED, System.nanoTime());
        ctx.header(HEADER, id);
        MDC.put(REQUEST_ID, id);
    }

    /** After every request. */
    public static void end(Context ctx) {
        Long started = ctx.attribute(STARTED);
        long ms = started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
        Caller caller = ctx.attribute(Caller.ATTRIBUTE);
        LOG.atInfo().setMessage("request")
                .addKeyValue(REQUEST_ID, (Object) ctx.<String>attribute(REQUEST_ID))
                .addKeyValue("method", ctx.method().name())
                .addKeyValue("path", ctx.path())
                .addKeyValue("status", ctx.statusCode())
                .addKeyValue("durationMs", ms)
                .addKeyValue("user", caller == null ? "-" : caller.name())
                .log();
        MDC.remove(REQUEST_ID);
    }
}
