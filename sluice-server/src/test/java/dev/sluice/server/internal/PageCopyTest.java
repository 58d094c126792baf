package dev.sluice.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.SluiceException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PageCopyTest {
    private static String copy(PageCopy copy, String page) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonBodies.MAPPER.createGenerator(out)) {
            g.writeStartArray();
            copy.copy(page.getBytes(StandardCharsets.UTF_8), g);
            g.writeEndArray();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rowsAreCopiedAsSentWithTextAnnotationsAndTheLastKeyAndNextLinkNoted() throws Exception {
        PageCopy copy = new PageCopy("accountid");
        String page = "{\"@odata.context\":\"https://org/api/data/v9.2/$metadata#accounts\",\"value\":["
                + "{\"@odata.etag\":\"W/\\\"1\\\"\",\"name\":\"Ä \\\"q\\\"\",\"revenue\":100.00,"
                + "\"revenue@OData.Community.Display.V1.FormattedValue\":\"$100.00\",\"numberofemployees\":7,"
                + "\"donotcall\":true,\"description\":null,\"x@Some.Annotation\":{\"ignored\":1},"
                + "\"accountid\":\"11111111-1111-1111-1111-111111111111\"},"
                + "{\"count@Some.Number\":5,\"accountid\":\"22222222-2222-2222-2222-222222222222\",\"tags\":[1,2]}],"
                + "\"@odata.nextLink\":\"https://org/api/data/v9.2/accounts?$skiptoken=abc\"}";
        assertThat(copy(copy, page)).isEqualTo("[{\"@odata.etag\":\"W/\\\"1\\\"\",\"name\":\"Ä \\\"q\\\"\","
                + "\"revenue\":100.00,\"revenue@OData.Community.Display.V1.FormattedValue\":\"$100.00\","
                + "\"numberofemployees\":7,\"donotcall\":true,\"description\":null,"
                + "\"accountid\":\"11111111-1111-1111-1111-111111111111\"},"
                + "{\"count@Some.Number\":\"5\",\"accountid\":\"22222222-2222-2222-2222-222222222222\",\"tags\":[1,2]}]");
        assertThat(copy.rows()).isEqualTo(2);
        assertThat(copy.lastKey()).isEqualTo("22222222-2222-2222-2222-222222222222");
        assertThat(copy.nextLink()).isEqualTo("https://org/api/data/v9.2/accounts?$skiptoken=abc");
    }

    @Test
    void theLastPageHasNoNextLinkAndAnEmptyOneNoKey() throws Exception {
        PageCopy copy = new PageCopy("accountid");
        assertThat(copy(copy, "{\"value\":[]}")).isEqualTo("[]");
        assertThat(copy.rows()).isZero();
        assertThat(copy.lastKey()).isNull();
        assertThat(copy.nextLink()).isNull();
    }

    @Test
    void aPageThatIsNotJsonSaysSo() {
        assertThatThrownBy(() -> copy(new PageCopy("accountid"), "{\"value\":[{\"name\":}"))
                .isInstanceOf(SluiceException.class).hasMessageContaining("Dataverse sent a page that is not valid JSON");
        assertThatThrownBy(() -> copy(new PageCopy("accountid"), "[1]"))
                .isInstanceOf(SluiceException.class).hasMessageContaining("not valid JSON");
    }
}
