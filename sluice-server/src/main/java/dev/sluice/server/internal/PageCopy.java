package dev.sluice.server.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes the rows of a Dataverse page (its JSON as sent) into an API answer without making objects of them: the
 * page is tokenised once, which finds where its {@code value} array lies, how many rows it holds, the last row's
 * primary key and the nextLink, without decoding any other value; the array's bytes are then copied through as
 * Dataverse wrote them (every column and annotation, numbers and text unchanged). Not thread-safe: one per page.
 */
final class PageCopy {
    private static final byte[] EMPTY = {'[', ']'};

    private final String primaryKey;
    private byte[] page;
    private int from;
    private int to;
    private int rows;
    private String lastKey;
    private String nextLink;

    PageCopy(String primaryKey) {
        this.primaryKey = primaryKey;
    }

    /** Reads the page's shape; SluiceException (TRANSIENT) when it is not a JSON object. */
    PageCopy scan(byte[] body) {
        this.page = body;
        try (JsonParser p = JsonBodies.MAPPER.getFactory().createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("value")) {
                    expect(t, JsonToken.START_ARRAY);
                    from = (int) p.currentTokenLocation().getByteOffset();
                    while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                        row(p);
                    }
                    expect(t, JsonToken.END_ARRAY);
                    to = (int) p.currentTokenLocation().getByteOffset() + 1;
                } else if (name.equals("@odata.nextLink") && t == JsonToken.VALUE_STRING) {
                    nextLink = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            expect(p.currentToken(), JsonToken.END_OBJECT);
        } catch (JsonProcessingException e) {
            throw new SluiceException(ErrorKind.TRANSIENT, "Dataverse sent a page that is not valid JSON ("
                    + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.TRANSIENT, "Dataverse's page could not be read", e);
        }
        return this;
    }

    /** One row: its primary key noted, every other value skipped undecoded. */
    private void row(JsonParser p) throws IOException {
        String key = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            boolean isKey = p.currentName().equals(primaryKey);
            JsonToken t = p.nextToken();
            if (isKey && t == JsonToken.VALUE_STRING) {
                key = p.getText();
            } else {
                p.skipChildren();
            }
        }
        rows++;
        lastKey = key;
    }

    /** Writes the rows, a JSON array, as Dataverse sent them. */
    void writeRows(OutputStream out) throws IOException {
        if (to > from) {
            out.write(page, from, to - from);
        } else {
            out.write(EMPTY);
        }
    }

    /** How many rows the page holds. */
    int rows() {
        return rows;
    }

    /** The last row's primary key, or null when there were no rows or the last had none. */
    String lastKey() {
        return lastKey;
    }

    /** The page's {@code @odata.nextLink}, or null on the last page. */
    String nextLink() {
        return nextLink;
    }

    private static void expect(JsonToken got, JsonToken want) throws JsonParseException {
        if (got != want) {
            throw new JsonParseException(null, "expected " + want + ", got " + got);
        }
    }
}
