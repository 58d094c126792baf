package dev.sluice.dataverse.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds some columns' values in a collection page's bytes without building rows: for each row and column, where the
 * value's bytes are and what kind of value they hold, so that a writer can copy the service's bytes through. Only
 * what copies through exactly as {@link PageReader} would have read it gets a byte kind (text without escapes, plain
 * integers and decimals, literals); any other scalar is decoded here, with the same Jackson calls as
 * {@link PageReader}. The scan is strict: anything it does not expect (a nested value in a wanted column, an escape in
 * a name, malformed JSON or UTF-8, a page without {@code value}) makes it answer null, and the caller reads the page
 * with {@link PageReader} as before, which then gives the same rows or fails the same way. Not thread-safe (one
 * scanner per page).
 */
public final class PageScanner {
    /** Value kinds; {@link #MISSING} (the row has no such column) is 0, so new rows start missing. */
    public static final byte MISSING = 0;
    public static final byte NULL = 1;
    public static final byte TRUE = 2;
    public static final byte FALSE = 3;
    /** A string without escapes (valid UTF-8, no control characters): the bytes between the quotes. */
    public static final byte TEXT = 4;
    /** An integer as {@link Long#toString} writes it: {@code 0} or an optional minus, a non-zero digit, ≤ 17 more. */
    public static final byte INTEGER = 5;
    /** A decimal as {@code BigDecimal.toString()} and {@code toPlainString()} write it: {@code -?[1-9][0-9]*\.[0-9]+}. */
    public static final byte DECIMAL = 6;
    /** Any other scalar, decoded ({@link Scan#others}). */
    public static final byte DECODED = 7;

    private static final JsonFactory FACTORY = Transport.JSON.getFactory();
    private static final byte[] VALUE = "value".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_DEPTH = 200;
    private static final int MAX_NUMBER = 100;

    /**
     * A scanned page.
     *
     * @param rows how many rows
     * @param columns how many columns were looked for
     * @param kinds the kind of each row's value of each column, at {@code row * columns + column}
     * @param ranges the value's first byte and the byte after it, at {@code 2 * (row * columns + column)}
     * @param others the decoded values of {@link #DECODED} kinds at the kinds' index, or null when there are none
     * @param envelope the page's links and count (its rows empty)
     */
    public record Scan(int rows, int columns, byte[] kinds, int[] ranges, Object[] others, PageReader.Page envelope) {}

    private final byte[] b;
    private final byte[][] names;
    private final int cols;
    private int i;
    private int rows;
    private byte[] kinds;
    private int[] ranges;
    private Object[] others;

    private PageScanner(byte[] body, byte[][] names) {
        this.b = body;
        this.names = names;
        this.cols = names.length;
        int capacity = 5000; // Dataverse: at most 5000 rows per page
        this.kinds = new byte[capacity * cols];
        this.ranges = new int[capacity * cols * 2];
    }

    /** The columns' values in {@code body} (names as UTF-8), or null when the page must be read by PageReader. */
    public static Scan scan(byte[] body, byte[][] names) {
        byte[][] wanted = new byte[names.length][];
        for (int c = 0; c < names.length; c++) {
            wanted[c] = names[c];
            for (byte x : names[c]) {
                if (x == '@') {
                    wanted[c] = new byte[] {'"'}; // matches no name: a name holding '@' is an annotation
                }
            }
        }
        PageScanner s = new PageScanner(body, wanted);
        try {
            return s.page();
        } catch (Malformed | IOException | RuntimeException e) {
            // anything unexpected: PageReader reads this page, and fails the same way if it is broken
            return null;
        }
    }

    private static final byte[] NEXT_LINK = "\"@odata.nextLink\":\"".getBytes(StandardCharsets.US_ASCII);
    /** How far from a page's end its nextLink is looked for (a link with a long paging cookie is a few KB). */
    private static final int NEXT_LINK_TAIL = 1 << 16;

    /**
     * A guess of the page's {@code @odata.nextLink} from its last bytes, before the page is scanned, so that the next
     * request can start at once: the text of the last {@code "@odata.nextLink":"…"} within its tail, when it holds no
     * escape; else null. Only a guess: the caller checks it against the scanned page's own nextLink.
     */
    public static String nextLink(byte[] body) {
        int stop = Math.max(0, body.length - NEXT_LINK_TAIL);
        for (int k = body.length - NEXT_LINK.length; k >= stop; k--) {
            if (body[k] == '"' && Arrays.equals(body, k, k + NEXT_LINK.length, NEXT_LINK, 0, NEXT_LINK.length)) {
                int from = k + NEXT_LINK.length;
                for (int e = from; e < body.length; e++) {
                    if (body[e] == '\\') {
                        return null;
                    }
                    if (body[e] == '"') {
                        return new String(body, from, e - from, StandardCharsets.UTF_8);
                    }
                }
                return null;
            }
        }
        return null;
    }

    /** Thrown where the bytes are not what the scan copies through. */
    private static final class Malformed extends Exception {
        private static final Malformed INSTANCE = new Malformed();

        private Malformed() {
            super(null, null, false, false);
        }
    }

    private static Malformed malformed() {
        return Malformed.INSTANCE;
    }

    private Scan page() throws Malformed, IOException {
        ws();
        expect('{');
        int arrayStart = -1;
        int arrayEnd = -1;
        ws();
        if (at() == '}') {
            throw malformed();
        }
        while (true) {
            int nameStart = i + 1;
            int nameEnd = name();
            ws();
            expect(':');
            ws();
            if (Arrays.equals(b, nameStart, nameEnd, VALUE, 0, VALUE.length)) {
                if (arrayStart >= 0 || at() != '[') {
                    throw malformed();
                }
                arrayStart = i;
                array();
                arrayEnd = i;
            } else {
                skipValue(0);
            }
            if (closes('}')) {
                break;
            }
        }
        if (arrayStart < 0) {
            throw malformed();
        }
        byte[] rest = new byte[arrayStart + 2 + b.length - arrayEnd];
        System.arraycopy(b, 0, rest, 0, arrayStart);
        rest[arrayStart] = '[';
        rest[arrayStart + 1] = ']';
        System.arraycopy(b, arrayEnd, rest, arrayStart + 2, b.length - arrayEnd);
        PageReader.Page envelope = PageReader.page(rest);
        return new Scan(rows, cols, kinds, ranges, others, envelope);
    }

    private void array() throws Malformed, IOException {
        i++; // [
        ws();
        if (at() == ']') {
            i++;
            return;
        }
        while (true) {
            expect('{');
            row();
            if (closes(']')) {
                return;
            }
        }
    }

    private void row() throws Malformed, IOException {
        int row = rows++;
        if ((row + 1) * cols > kinds.length) {
            kinds = Arrays.copyOf(kinds, kinds.length * 2);
            ranges = Arrays.copyOf(ranges, ranges.length * 2);
            if (others != null) {
                others = Arrays.copyOf(others, others.length * 2);
            }
        }
        ws();
        if (at() == '}') {
            i++;
            return;
        }
        while (true) {
            int nameStart = i + 1;
            int nameEnd = name();
            ws();
            expect(':');
            ws();
            int col = column(nameStart, nameEnd);
            if (col < 0) {
                skipValue(0);
            } else {
                value(row * cols + col);
            }
            if (closes('}')) {
                return;
            }
        }
    }

    /**
     * The wanted column this name is, or -1: another column, or an annotation (no wanted name holds an {@code @}:
     * {@link #scan} leaves such names out, as PageReader keeps annotations apart from values).
     */
    private int column(int from, int to) {
        int len = to - from;
        byte first = len == 0 ? 0 : b[from];
        for (int c = 0; c < cols; c++) {
            byte[] name = names[c];
            if (name.length == len && (len == 0 || name[0] == first) && Arrays.equals(b, from, to, name, 0, len)) {
                return c;
            }
        }
        return -1;
    }

    /** Reads a name (a string without escapes) and returns the index of its closing quote. */
    private int name() throws Malformed {
        if (at() != '"') {
            throw malformed();
        }
        i++;
        if (string()) {
            throw malformed();
        }
        return i - 1;
    }

    /** Reads one wanted value into slot {@code slot} (a later value of the same name replaces an earlier one). */
    private void value(int slot) throws Malformed, IOException {
        int start = i;
        byte c = at();
        byte kind;
        int from = start;
        int to;
        if (c == '"') {
            i++;
            boolean escaped = string();
            if (escaped) {
                kind = DECODED;
            } else {
                kind = TEXT;
                from = start + 1;
            }
            to = escaped ? i : i - 1;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            kind = number();
            to = i;
        } else if (c == 't') {
            literal("true");
            kind = TRUE;
            to = i;
        } else if (c == 'f') {
            literal("false");
            kind = FALSE;
            to = i;
        } else if (c == 'n') {
            literal("null");
            kind = NULL;
            to = i;
        } else {
            throw malformed(); // a nested value (expanded row, list): PageReader reads this page
        }
        kinds[slot] = kind;
        ranges[2 * slot] = from;
        ranges[2 * slot + 1] = to;
        if (kind == DECODED) {
            if (others == null) {
                others = new Object[kinds.length];
            }
            others[slot] = decode(start, i);
        } else if (others != null) {
            others[slot] = null;
        }
    }

    /** The value PageReader would hold for these bytes (a scalar). */
    private Object decode(int from, int to) throws IOException {
        try (JsonParser p = FACTORY.createParser(b, from, to - from)) {
            return PageReader.scalar(p, p.nextToken());
        }
    }

    /** Reads a number; returns INTEGER or DECIMAL when its text is what Java writes again, else DECODED. */
    private byte number() throws Malformed {
        int start = i;
        boolean minus = at() == '-';
        if (minus) {
            i++;
        }
        int intStart = i;
        byte c = at();
        if (c == '0') {
            i++;
        } else if (c >= '1' && c <= '9') {
            while (i < b.length && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
        } else {
            throw malformed();
        }
        int intDigits = i - intStart;
        boolean zero = c == '0';
        boolean fraction = false;
        boolean exponent = false;
        if (i < b.length && b[i] == '.') {
            i++;
            int f = i;
            while (i < b.length && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == f) {
                throw malformed();
            }
            fraction = true;
        }
        if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < b.length && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int e = i;
            while (i < b.length && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == e) {
                throw malformed();
            }
            exponent = true;
        }
        if (i - start > MAX_NUMBER) {
            throw malformed();
        }
        if (exponent || (zero && minus) || (zero && fraction)) {
            return DECODED;
        }
        if (!fraction) {
            return intDigits <= 18 ? INTEGER : DECODED;
        }
        return DECIMAL;
    }

    private void literal(String word) throws Malformed {
        int n = word.length();
        if (i + n > b.length) {
            throw malformed();
        }
        for (int k = 0; k < n; k++) {
            if (b[i + k] != word.charAt(k)) {
                throw malformed();
            }
        }
        i += n;
    }

    /**
     * Reads a string after its opening quote, to after its closing quote; true when it holds an escape. Rejects raw
     * control characters and UTF-8 that is not well formed.
     */
    private boolean string() throws Malformed {
        byte[] b = this.b;
        int n = b.length;
        int k = i;
        boolean escaped = false;
        while (true) {
            if (k >= n) {
                throw malformed();
            }
            int c = b[k];
            if (c >= 0x20 && c != '"' && c != '\\') {
                k++; // the common case: printable ASCII
                continue;
            }
            if (c == '"') {
                i = k + 1;
                return escaped;
            }
            i = k;
            if (c == '\\') {
                escaped = true;
                escape();
            } else if (c >= 0) {
                throw malformed(); // a raw control character
            } else {
                utf8();
            }
            k = i;
        }
    }

    private void escape() throws Malformed {
        if (i + 1 >= b.length) {
            throw malformed();
        }
        byte e = b[i + 1];
        switch (e) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i += 2;
            case 'u' -> {
                if (i + 6 > b.length) {
                    throw malformed();
                }
                for (int k = i + 2; k < i + 6; k++) {
                    if (Character.digit(b[k], 16) < 0) {
                        throw malformed();
                    }
                }
                i += 6;
            }
            default -> throw malformed();
        }
    }

    /** One well-formed multi-byte UTF-8 sequence (no overlong forms, no surrogates, at most U+10FFFF). */
    private void utf8() throws Malformed {
        int c = b[i] & 0xff;
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 2;
            lo = c == 0xe0 ? 0xa0 : 0x80;
            hi = c == 0xed ? 0x9f : 0xbf;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 3;
            lo = c == 0xf0 ? 0x90 : 0x80;
            hi = c == 0xf4 ? 0x8f : 0xbf;
        } else {
            throw malformed();
        }
        if (i + n >= b.length) {
            throw malformed();
        }
        int second = b[i + 1] & 0xff;
        if (second < lo || second > hi) {
            throw malformed();
        }
        for (int k = 2; k <= n; k++) {
            if ((b[i + k] & 0xc0) != 0x80) {
                throw malformed();
            }
        }
        i += n + 1;
    }

    /** Skips any JSON value (checked as strictly as a wanted one). */
    private void skipValue(int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw malformed();
        }
        byte c = at();
        switch (c) {
            case '"' -> {
                i++;
                string();
            }
            case '{' -> {
                i++;
                ws();
                if (at() == '}') {
                    i++;
                    return;
                }
                while (true) {
                    if (at() != '"') {
                        throw malformed();
                    }
                    i++;
                    string();
                    ws();
                    expect(':');
                    ws();
                    skipValue(depth + 1);
                    if (closes('}')) {
                        return;
                    }
                }
            }
            case '[' -> {
                i++;
                ws();
                if (at() == ']') {
                    i++;
                    return;
                }
                while (true) {
                    skipValue(depth + 1);
                    if (closes(']')) {
                        return;
                    }
                }
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number();
                } else {
                    throw malformed();
                }
            }
        }
    }

    /** After a member or an element: true at {@code close} (read past), false after a comma and the space after it. */
    private boolean closes(char close) throws Malformed {
        ws();
        byte c = at();
        i++;
        if (c == close) {
            return true;
        }
        if (c != ',') {
            throw malformed();
        }
        ws();
        return false;
    }

    private byte at() throws Malformed {
        if (i >= b.length) {
            throw malformed();
        }
        return b[i];
    }

    private void expect(char c) throws Malformed {
        if (at() != c) {
            throw malformed();
        }
        i++;
    }

    private void ws() {
        byte[] b = this.b;
        int k = i;
        while (k < b.length) {
            byte c = b[k];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                k++;
            } else {
                break;
            }
        }
        i = k;
    }
}
