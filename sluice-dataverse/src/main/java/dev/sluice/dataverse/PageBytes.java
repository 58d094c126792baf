package dev.sluice.dataverse;

import dev.sluice.dataverse.internal.PageReader;
import dev.sluice.dataverse.internal.PageScanner;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One page of a query as the service sent it, with some columns' values found in its bytes
 * ({@link RowStream#pages}), for writers that copy values through instead of building a {@link Row} for each row
 * and writing it again. A value's {@link #kind} says how its bytes read: {@link #TEXT} is a string's content without
 * escapes (well-formed UTF-8, no control characters), {@link #INTEGER} and {@link #DECIMAL} are numbers whose text
 * is what {@link Long#toString} and {@link BigDecimal#toString()} (and {@code toPlainString()}) write for the value
 * {@link Row} would hold, {@link #TRUE}, {@link #FALSE}, {@link #NULL} the literals, {@link #MISSING} a column the
 * row does not have, and {@link #DECODED} any other value, given by {@link #value}. A page the scan does not copy
 * through (a nested value in a wanted column, escapes in names, anything unexpected) comes as {@link #rows()}
 * instead, read as {@link RowStream}'s iterator reads it. Immutable once made; safe to read from any thread.
 */
public final class PageBytes {
    public static final byte MISSING = PageScanner.MISSING;
    public static final byte NULL = PageScanner.NULL;
    public static final byte TRUE = PageScanner.TRUE;
    public static final byte FALSE = PageScanner.FALSE;
    public static final byte TEXT = PageScanner.TEXT;
    public static final byte INTEGER = PageScanner.INTEGER;
    public static final byte DECIMAL = PageScanner.DECIMAL;
    public static final byte DECODED = PageScanner.DECODED;

    private final byte[] body;
    private final PageScanner.Scan scan;
    private final List<Row> rows;
    private final PageReader.Page envelope;

    private PageBytes(byte[] body, PageScanner.Scan scan, List<Row> rows, PageReader.Page envelope) {
        this.body = body;
        this.scan = scan;
        this.rows = rows;
        this.envelope = envelope;
    }

    /**
     * A collection page's body (as the Web API sends it) with the values of {@code columns} (wire names) found in it,
     * or read into rows when the scan cannot copy it through.
     */
    public static PageBytes scan(byte[] body, List<String> columns) {
        byte[][] names = new byte[columns.size()][];
        for (int c = 0; c < names.length; c++) {
            names[c] = columns.get(c).getBytes(StandardCharsets.UTF_8);
        }
        return read(body, names);
    }

    /** The page scanned for {@code names} (UTF-8), or read into rows when it cannot be. */
    static PageBytes read(byte[] body, byte[][] names) {
        PageScanner.Scan s = PageScanner.scan(body, names);
        if (s == null) {
            return of(PageReader.page(body));
        }
        return new PageBytes(body, s, null, s.envelope());
    }

    /** A page already read into rows. */
    static PageBytes of(PageReader.Page page) {
        return new PageBytes(null, null, page.rows(), page);
    }

    PageReader.Page envelope() {
        return envelope;
    }

    /** The rows when this page is not given as bytes, else null. */
    public List<Row> rows() {
        return rows;
    }

    /** How many rows the page holds. */
    public int size() {
        return rows != null ? rows.size() : scan.rows();
    }

    /** The response's bytes, which {@link #start} and {@link #end} index (null when {@link #rows()} is given). */
    public byte[] bytes() {
        return body;
    }

    /** The kind of row {@code row}'s value of column {@code column} (the index in the names asked for). */
    public byte kind(int row, int column) {
        return scan.kinds()[row * scan.columns() + column];
    }

    /** The value's first byte in {@link #bytes()} (for TEXT, the first byte after the quote). */
    public int start(int row, int column) {
        return scan.ranges()[2 * (row * scan.columns() + column)];
    }

    /** The byte after the value's last (for TEXT, the closing quote). */
    public int end(int row, int column) {
        return scan.ranges()[2 * (row * scan.columns() + column) + 1];
    }

    /** The value as {@link Row#get} would give it: String, Long, BigDecimal, Boolean or null (missing too). */
    public Object value(int row, int column) {
        int k = row * scan.columns() + column;
        int from = scan.ranges()[2 * k];
        int to = scan.ranges()[2 * k + 1];
        return switch (scan.kinds()[k]) {
            case PageScanner.TEXT -> new String(body, from, to - from, StandardCharsets.UTF_8);
            case PageScanner.INTEGER -> Long.parseLong(new String(body, from, to - from, StandardCharsets.US_ASCII));
            case PageScanner.DECIMAL -> new BigDecimal(new String(body, from, to - from, StandardCharsets.US_ASCII));
            case PageScanner.TRUE -> Boolean.TRUE;
            case PageScanner.FALSE -> Boolean.FALSE;
            case PageScanner.DECODED -> scan.others()[k];
            default -> null;
        };
    }
}
