package dev.sluice.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A byte buffer that rows are written into as UTF-8 and that goes to its target in whole rows: to a stream as
 * bytes, or to a writer (a test's, or a terminal's of another charset) decoded again, which is exact because only
 * whole rows are ever handed on. {@link #writer()} appends characters to the same buffer, encoded as the JDK's UTF-8
 * writer does (an unpaired surrogate as {@code ?}). Not thread-safe.
 */
final class ByteOut {
    /** Bytes held before they go to the target (at a row's end). */
    private static final int FLUSH_AT = 1 << 16;

    private final OutputStream stream;
    private final Writer text;
    private byte[] buf = new byte[FLUSH_AT + 4096];
    private int n;
    private Writer writer;

    private ByteOut(OutputStream stream, Writer text) {
        this.stream = stream;
        this.text = text;
    }

    static ByteOut to(OutputStream stream) {
        return new ByteOut(stream, null);
    }

    static ByteOut to(Writer text) {
        return new ByteOut(null, text);
    }

    void write(byte b) {
        if (n == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[n++] = b;
    }

    void write(byte[] b) {
        write(b, 0, b.length);
    }

    void write(byte[] b, int from, int to) {
        int len = to - from;
        if (n + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + len));
        }
        System.arraycopy(b, from, buf, n, len);
        n += len;
    }

    /** At a row's end: hands the rows held on once there are enough of them. */
    void rowEnd() throws IOException {
        if (n >= FLUSH_AT) {
            drain();
        }
    }

    /** Hands every row held on and flushes the target. */
    void flush() throws IOException {
        drain();
        if (stream != null) {
            stream.flush();
        } else {
            text.flush();
        }
    }

    private void drain() throws IOException {
        if (n == 0) {
            return;
        }
        if (stream != null) {
            stream.write(buf, 0, n);
        } else {
            text.write(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        n = 0;
    }

    /** A writer appending to this buffer as UTF-8; its own flush does nothing (the buffer goes on by rows). */
    Writer writer() {
        if (writer == null) {
            writer = new Utf8Writer();
        }
        return writer;
    }

    private final class Utf8Writer extends Writer {
        /** A high surrogate whose low half has not come yet, or 0. */
        private char pending;

        @Override
        public void write(char[] cbuf, int off, int len) {
            for (int k = off; k < off + len; k++) {
                char c = cbuf[k];
                if (pending != 0) {
                    char high = pending;
                    pending = 0;
                    if (Character.isLowSurrogate(c)) {
                        int cp = Character.toCodePoint(high, c);
                        write((byte) (0xf0 | (cp >> 18)));
                        write((byte) (0x80 | ((cp >> 12) & 0x3f)));
                        write((byte) (0x80 | ((cp >> 6) & 0x3f)));
                        write((byte) (0x80 | (cp & 0x3f)));
                        continue;
                    }
                    write((byte) '?');
                }
                if (c < 0x80) {
                    write((byte) c);
                } else if (c < 0x800) {
                    write((byte) (0xc0 | (c >> 6)));
                    write((byte) (0x80 | (c & 0x3f)));
                } else if (Character.isHighSurrogate(c)) {
                    pending = c;
                } else if (Character.isLowSurrogate(c)) {
                    write((byte) '?');
                } else {
                    write((byte) (0xe0 | (c >> 12)));
                    write((byte) (0x80 | ((c >> 6) & 0x3f)));
                    write((byte) (0x80 | (c & 0x3f)));
                }
            }
        }

        private void write(byte b) {
            ByteOut.this.write(b);
        }

        @Override
        public void flush() {
            // the buffer goes on by whole rows (ByteOut.rowEnd/flush)
        }

        @Override
        public void close() {
            if (pending != 0) {
                pending = 0;
                write((byte) '?');
            }
        }
    }
}
