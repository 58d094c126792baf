package dev.sluice.server.internal;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * How large a request body may be, checked before anything reads or parses it and before any authentication work:
 * a declared {@code Content-Length} over the route's limit is answered 413 before anything looks at the body (which
 * is read and thrown away when it is at most {@link #DRAIN_BYTES} over); a body without one is cut off at the limit
 * while it is read. Immutable and thread-safe.
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
    /** How far over the limit a declared body is still read to its end before the 413 (see {@link #check}). */
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

    /**
     * Before every request: refuses a declared body over the route's limit, and notes the limit for readers. A body
     * at most {@link #DRAIN_BYTES} over the limit is read and thrown away first, so that a client still sending it
     * reads the 413 instead of a reset: a server that closes a connection with unread bytes makes the kernel reset
     * it, and the reset can drop an answer the client has not read yet. A larger one is answered at once.
     */
    public void check(Context ctx) {
        long limit = limitOf(ctx);
        ctx.attribute(ATTRIBUTE, limit);
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            if (declared - limit <= DRAIN_BYTES) {
                drain(ctx);
            }
            throw tooLarge(limit);
        }
    }

    private static void drain(Context ctx) {
        try (InputStream in = ctx.req().getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client stopped sending or went away: it is answered (or the connection closed) all the same
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
