package dev.sluice.server.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.io.IOException;

/**
 * Copies the rows of a Dataverse page (its JSON as sent) into an API answer without making objects of them: each
 * row's columns and scalar annotations (formatted values, {@code @odata.etag}) in Dataverse's order, numbers as
 * Dataverse wrote them; annotations that are not scalar are left out, as the row reader leaves them out. Notes the
 * last row's primary key and the page's nextLink on the way. Not thread-safe: one per page.
 */
final class PageCopy {
    private final String primaryKey;
    private int rows;
    private String lastKey;
    private String nextLink;

    PageCopy(String primaryKey) {
        this.primaryKey = primaryKey;
    }

    /** Writes the page's rows, each an object, to {@code out} (which is inside an array). */
    void copy(byte[] page, JsonGenerator out) throws IOException {
        try (JsonParser p = JsonBodies.MAPPER.getFactory().createParser(page)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("value")) {
                    expect(t, JsonToken.START_ARRAY);
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        row(p, out);
                    }
                } else if (name.equals("@odata.nextLink") && t == JsonToken.VALUE_STRING) {
                    nextLink = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SluiceException(ErrorKind.TRANSIENT, "Dataverse sent a page that is not valid JSON ("
                    + e.getOriginalMessage() + ")", e);
        }
    }

    private void row(JsonParser p, JsonGenerator out) throws IOException {
        out.writeStartObject();
        String key = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (!t.isScalarValue()) {
                if (name.indexOf('@') >= 0) {
                    p.skipChildren();
                } else {
                    out.writeFieldName(name);
                    out.copyCurrentStructure(p);
                }
                continue;
            }
            out.writeFieldName(name);
            if (name.indexOf('@') >= 0) {
                out.writeString(p.getValueAsString()); // annotations as text, as the row reader has them
                continue;
            }
            switch (t) {
                case VALUE_STRING -> {
                    out.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    if (name.equals(primaryKey)) {
                        key = p.getText();
                    }
                }
                case VALUE_NUMBER_INT -> out.writeNumber(p.getLongValue());
                case VALUE_NUMBER_FLOAT -> out.writeNumber(p.getDecimalValue());
                case VALUE_TRUE -> out.writeBoolean(true);
                case VALUE_FALSE -> out.writeBoolean(false);
                default -> out.writeNull();
            }
        }
        out.writeEndObject();
        rows++;
        lastKey = key;
    }

    /** How many rows were copied. */
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

    private static void expect(JsonToken got, JsonToken want) throws IOException {
        if (got != want) {
            throw new com.fasterxml.jackson.core.JsonParseException(null, "expected " + want + ", got " + got);
        }
    }
}
