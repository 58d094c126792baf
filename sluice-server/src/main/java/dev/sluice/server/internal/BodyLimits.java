package dev.sluice.server.internal;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.ServletInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * How large a request body may be, checked before anything reads or parses it and before any authentication work:
 * a declared {@code Content-Length} over the route's limit is answered 413 before anything looks at the body; a body
 * without one is cut off at the limit while it is read. Whatever of a body is left unread when a request is answered
 * is read and thrown away after it ({@link #drainRest}). Immutable and thread-safe.
 *
 * @param jsonBytes every JSON and form body (and an uploaded flow)
 * @param importBytes a bulk import's whole body of JSON lines (streamed)
 * @param importLineBytes one line of a bulk import
 */
public record BodyLimits(long jsonBytes, long importBytes, long importLineBytes) {
    /** 1 MiB: a connection, a row or a flow is a few kilobytes; a row with a full memo column (1 M chars) fits. */
    public static final long DEFAULT_JSON_BYTES = 1L << 20;
    /** 1 GiB per import request: about a million rows; larger files go in several requests (or the CLI). */
    public static final long DEFAULT_IMPORT_BYTES = 1L << 30;
    /** One row of an import: the same as one JSON body. */
    public static final long DEFAULT_IMPORT_LINE_BYTES = DEFAULT_JSON_BYTES;
    public static final BodyLimits DEFAULTS = new BodyLimits(DEFAULT_JSON_BYTES, DEFAULT_IMPORT_BYTES,
            DEFAULT_IMPORT_LINE_BYTES);
    /** The most of a body left unread that {@link #drainRest} reads and throws away. */
    public static final long DRAIN_BYTES = 4L << 20;
    /** Context attribute holding the current route's limit. */
    static final String ATTRIBUTE = "sluice.bodyLimit";

    public BodyLimits {
        if (jsonBytes < 1024 || importBytes < 1024 || importLineBytes < 1024) {
            throw new IllegalArgumentException("body limits must be at least 1 KiB");
        }
    }

    /** The limit of this request's route. */
    public long limitOf(Context ctx) {
        return isImport(ctx) ? importBytes : jsonBytes;
    }

    /** Before every request: refuses a declared body over the route's limit, and notes the limit for readers. */
    public void check(Context ctx) {
        long limit = limitOf(ctx);
        ctx.attribute(ATTRIBUTE, limit);
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
    }

    /**
     * After every request: reads what is left of its body, at most {@link #DRAIN_BYTES}, and throws it away, so that
     * a client still sending it reads the answer (a 413 past the limit, a 400 for bad JSON, a 401) instead of a
     * reset: a server that closes a connection with unread bytes makes the kernel reset it, and the reset can drop
     * an answer the client has not read yet. A body declared more than that over the route's limit is left unread
     * (the client may be waiting for the answer before it sends it); one that goes on past the cap still closes.
     */
    public static void drainRest(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        Long limit = ctx.attribute(ATTRIBUTE);
        if (declared == 0 || (limit != null && declared > limit + DRAIN_BYTES)) {
            return;
        }
        try {
            ServletInputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[8192];
            for (long left = DRAIN_BYTES; left > 0 && !in.isFinished(); ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
            }
        } catch (IOException | IllegalStateException e) {
            // the client stopped sending or went away, or the body was read as characters: answered all the same
        }
    }

    /** The body of this request as a stream that fails with a 413 past the route's limit. */
    public static InputStream body(Context ctx) {
        Long limit = ctx.attribute(ATTRIBUTE);
        return new Limited(ctx.bodyInputStream(), limit == null ? DEFAULT_JSON_BYTES : limit);
    }

    /** The 413 problem for a limit. */
    public static ApiProblem tooLarge(long limit) {
        return new ApiProblem(413, "Content too large", "the request body is larger than this route accepts ("
                + size(limit) + ")");
    }

    static String size(long bytes) {
        return bytes % (1L << 30) == 0 ? bytes / (1L << 30) + " GiB" : bytes % (1L << 20) == 0 ? bytes / (1L << 20)
                + " MiB" : bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    private static boolean isImport(Context ctx) {
        return ctx.method() == HandlerType.POST && ctx.path().startsWith("/api/v1/connections/")
                && ctx.path().endsWith("/import");
    }

    /** Thrown by a limited stream when the body goes past its limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        final long limit;

        TooLarge(long limit) {
            super("the request body is larger than " + size(limit));
            this.limit = limit;
        }
    }

    /** Counts what is read and fails past the limit. */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, (int) Math.min(len, limit - read + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) throws TooLarge {
            read += n;
            if (read > limit) {
                throw new TooLarge(limit);
            }
        }
    }
}
