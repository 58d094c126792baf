package dev.sluice.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.SluiceException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PageCopyTest {
    private static String rows(PageCopy copy, String page) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy.scan(page.getBytes(StandardCharsets.UTF_8)).writeRows(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theRowsAreCopiedAsSentAndTheLastKeyAndNextLinkNoted() throws Exception {
        String value = "[{\"@odata.etag\":\"W/\\\"1\\\"\",\"name\":\"Ä \\\"q\\\" \\u00e9\",\"revenue\":100.00,"
                + "\"revenue@OData.Community.Display.V1.FormattedValue\":\"$100.00\",\"numberofemployees\":7,"
                + "\"donotcall\":true,\"description\":null,\"x@Some.Annotation\":{\"nested\":[1]},"
                + "\"accountid\":\"11111111-1111-1111-1111-111111111111\"},\n"
                + " {\"accountid\":\"22222222-2222-2222-2222-222222222222\",\"tags\":[1,2],\"big\":1e400}]";
        PageCopy copy = new PageCopy("accountid");
        String page = "{\"@odata.context\":\"https://org/api/data/v9.2/$metadata#accounts\",\"value\":" + value
                + ",\"@odata.nextLink\":\"https://org/api/data/v9.2/accounts?$skiptoken=abc\"}";
        assertThat(rows(copy, page)).isEqualTo(value);
        assertThat(copy.rows()).isEqualTo(2);
        assertThat(copy.lastKey()).isEqualTo("22222222-2222-2222-2222-222222222222");
        assertThat(copy.nextLink()).isEqualTo("https://org/api/data/v9.2/accounts?$skiptoken=abc");
    }

    @Test
    void theLastPageHasNoNextLinkAndAnEmptyOneNoKey() throws Exception {
        PageCopy copy = new PageCopy("accountid");
        assertThat(rows(copy, "{\"value\":[ ]}")).isEqualTo("[ ]");
        assertThat(copy.rows()).isZero();
        assertThat(copy.lastKey()).isNull();
        assertThat(copy.nextLink()).isNull();
        assertThat(rows(new PageCopy("accountid"), "{\"@odata.count\":0}")).isEqualTo("[]");
    }

    @Test
    void aPageThatIsNotJsonSaysSo() {
        for (String broken : new String[] {"{\"value\":[{\"name\":}", "[1]", "{\"value\":[1]}",
                "{\"value\":[{\"a\":1}]", "{\"value\":\"x\"}"}) {
            assertThatThrownBy(() -> rows(new PageCopy("accountid"), broken)).as(broken)
                    .isInstanceOf(SluiceException.class).hasMessageContaining("Dataverse sent a page that is not valid JSON");
        }
    }
}
