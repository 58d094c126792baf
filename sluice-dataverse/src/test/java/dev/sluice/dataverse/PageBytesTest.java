package dev.sluice.dataverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.internal.PageReader;
import dev.sluice.dataverse.internal.PageScanner;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageBytesTest {
    private static final List<String> COLUMNS = List.of("name", "n", "d", "flag", "city", "absent");

    /** Values that copy through and values that must be decoded, in every column. */
    private static final String[] VALUES = {
        "\"plain\"", "\"São Paulo ✓ 😀 中文\"", "\"a/b\"", "\"a,b\"", "\"\"", "\" lead\"", "\"#hash\"",
        "\"quote \\\" back \\\\ \\/ slash\"", "\"line\\nbreak\\r\\t\"", "\"\\u00e9\\ud83d\\ude00\"", "\"\\u0001\"",
        "0", "-0", "7", "-12", "123456789012345678", "1234567890123456789", "-9223372036854775808",
        "1.5", "-2.25", "0.5", "-0.0", "0.0000001", "1e5", "1.5E-3", "100.000", "12345678901234567890.12",
        "true", "false", "null"};

    private static String page(String... rows) {
        return "{\"@odata.context\":\"ctx\",\"@odata.count\":42,\"value\":[" + String.join(",", rows)
                + "],\"@odata.nextLink\":\"http://x/accounts?$skiptoken=a%20b\"}";
    }

    private static String row(String v) {
        return "{\"@odata.etag\":\"W/\\\"1\\\"\",\"name\":" + v + ",\"other\":{\"deep\":[1,{\"x\":null}]},"
                + "\"n\":" + v + ",\"d\":" + v + ",\"flag\":" + v + ",\"city\":" + v
                + ",\"city@OData.Community.Display.V1.FormattedValue\":\"shown\",\"accountid\":\"id\"}";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyValueIsWhatPageReaderReadsAndCopiedBytesAreJavasOwnText() {
        String[] rows = new String[VALUES.length];
        for (int i = 0; i < VALUES.length; i++) {
            rows[i] = row(VALUES[i]);
        }
        byte[] body = utf8(page(rows));
        PageBytes p = PageBytes.scan(body, COLUMNS);
        PageReader.Page expected = PageReader.page(body);
        assertThat(p.rows()).isNull();
        assertThat(p.size()).isEqualTo(VALUES.length);
        for (int r = 0; r < p.size(); r++) {
            Row row = expected.rows().get(r);
            for (int c = 0; c < COLUMNS.size(); c++) {
                Object want = row.get(COLUMNS.get(c));
                assertThat(p.value(r, c)).as(VALUES[r] + " in " + COLUMNS.get(c)).isEqualTo(want);
                String copied = new String(body, p.start(r, c), p.end(r, c) - p.start(r, c), StandardCharsets.UTF_8);
                switch (p.kind(r, c)) {
                    case PageBytes.TEXT -> assertThat(copied).isEqualTo(want);
                    case PageBytes.INTEGER -> assertThat(copied).isEqualTo(Long.toString((Long) want));
                    case PageBytes.DECIMAL -> assertThat(copied).isEqualTo(want.toString())
                            .isEqualTo(((BigDecimal) want).toPlainString());
                    case PageBytes.MISSING -> assertThat(row.has(COLUMNS.get(c))).isFalse();
                    case PageBytes.NULL -> assertThat(want).isNull();
                    case PageBytes.TRUE, PageBytes.FALSE -> assertThat(copied).isEqualTo(want.toString());
                    default -> assertThat(p.kind(r, c)).isEqualTo(PageBytes.DECODED);
                }
            }
        }
        assertThat(p.kind(0, 0)).isEqualTo(PageBytes.TEXT);
        assertThat(p.kind(7, 0)).isEqualTo(PageBytes.DECODED); // escapes are decoded
        assertThat(p.envelope()).isEqualTo(new PageReader.Page(List.of(), "http://x/accounts?$skiptoken=a%20b", null,
                42L));
    }

    @Test
    void aLaterValueOfTheSameNameWinsAsInARow() {
        byte[] body = utf8(page("{\"name\":\"first\",\"name\":\"second\"}"));
        assertThat(PageBytes.scan(body, COLUMNS).value(0, 0)).isEqualTo("second");
    }

    @Test
    void pagesTheScanDoesNotCopyThroughAreReadIntoRowsAsBefore() {
        List<String> unusual = List.of(
                page("{\"name\":{\"nested\":1}}"), // a nested value in a wanted column
                page("{\"na\\u006de\":\"escaped name\"}"),
                "{\"value\":[{\"name\":\"x\"}] , \"value\":[]}",
                page("{\"name\":\"x\"}", "7"));
        for (String u : unusual) {
            byte[] body = utf8(u);
            PageBytes p = PageBytes.scan(body, COLUMNS);
            assertThat(p.rows()).as(u).isEqualTo(PageReader.page(body).rows());
        }
    }

    @Test
    void brokenPagesFailAsPageReaderFails() {
        byte[] overlong = utf8(page("{\"name\":\"xx\"}"));
        int at = new String(overlong, StandardCharsets.ISO_8859_1).indexOf("xx");
        overlong[at] = (byte) 0xc0;
        overlong[at + 1] = (byte) 0xaf;
        for (byte[] body : List.of(utf8(page("{\"name\":\"cut")), utf8("{\"value\":[{\"name\":1x}]}"), overlong,
                utf8(page("{\"n\":99999999999999999999}")))) {
            assertThatThrownBy(() -> PageBytes.scan(body, COLUMNS)).isInstanceOf(SluiceException.class)
                    .hasMessageContaining("not valid JSON");
        }
    }

    @Test
    void aRawControlCharacterInTextIsLeftToPageReader() {
        assertThat(PageScanner.scan(utf8(page("{\"name\":\"a\u0001b\"}")), new byte[][] {utf8("name")})).isNull();
    }

    @Test
    void theNextLinkIsGuessedFromThePagesEndAndNotWhenEscaped() {
        assertThat(PageScanner.nextLink(utf8(page(row("1"))))).isEqualTo("http://x/accounts?$skiptoken=a%20b");
        assertThat(PageScanner.nextLink(utf8("{\"value\":[],\"@odata.nextLink\":\"http:\\/\\/x\"}"))).isNull();
        assertThat(PageScanner.nextLink(utf8("{\"value\":[{\"a\":\"\\\"@odata.nextLink\\\":\\\"x\"}]}"))).isNull();
    }
}
