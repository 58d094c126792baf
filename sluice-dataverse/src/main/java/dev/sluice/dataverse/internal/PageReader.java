package dev.sluice.dataverse.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.Row;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a collection page ({@code value}, {@code @odata.nextLink}, {@code @odata.count},
 * {@code @odata.deltaLink}) or a single entity with Jackson's streaming parser, straight into
 * {@link Row}s. Stateless and thread-safe.
 */
public final class PageReader {
    private static final JsonFactory FACTORY = Transport.JSON.getFactory();

    /** One page: its rows and the links that continue it. */
    public record Page(List<Row> rows, String nextLink, String deltaLink, Long count) {}

    /**
     * One page of a FetchXML query: its rows (link-entity columns named {@code alias.column}), the
     * {@code @Microsoft.Dynamics.CRM.fetchxmlpagingcookie} annotation, {@code @Microsoft.Dynamics.CRM.morerecords}
     * and {@code @odata.count}.
     */
    public record FetchPage(List<Row> rows, String pagingCookie, boolean moreRecords, Long count) {}

    private PageReader() {}

    public static Page page(byte[] body) {
        Envelope e = envelope(body, false);
        return new Page(e.rows, e.text.get("@odata.nextLink"), e.text.get("@odata.deltaLink"), e.count);
    }

    public static FetchPage fetchPage(byte[] body) {
        Envelope e = envelope(body, true);
        return new FetchPage(e.rows, e.text.get("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie"),
                "true".equals(e.text.get("@Microsoft.Dynamics.CRM.morerecords")), e.count);
    }

    /** A collection's rows and its top-level scalar annotations, as text ({@code @odata.count} as a number). */
    private record Envelope(List<Row> rows, Map<String, String> text, Long count) {}

    /** Reads a collection; with {@code aliases}, link-entity columns as in {@link #entity(JsonParser, boolean)}. */
    private static Envelope envelope(byte[] body, boolean aliases) {
        try (JsonParser p = FACTORY.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            List<Row> rows = new ArrayList<>();
            Map<String, String> text = new HashMap<>(4);
            Long count = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("value")) {
                    expect(t, JsonToken.START_ARRAY);
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        rows.add(entity(p, aliases));
                    }
                } else if (name.equals("@odata.count")) {
                    count = p.getValueAsLong();
                } else if (t.isScalarValue()) {
                    text.put(name, p.getValueAsString());
                } else {
                    p.skipChildren();
                }
            }
            return new Envelope(rows, text, count);
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.TRANSIENT, "Dataverse sent a page that is not valid JSON ("
                    + e.getMessage() + ")", e);
        }
    }

    public static Row single(byte[] body) {
        try (JsonParser p = FACTORY.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            return entity(p);
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.TRANSIENT, "Dataverse sent an entity that is not valid JSON ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Reads one entity object; the parser is on its START_OBJECT. */
    static Row entity(JsonParser p) throws IOException {
        return entity(p, false);
    }

    /**
     * Reads one entity object; with {@code aliases}, FetchXML's encoded dot ({@code a_x002e_name}, a link-entity's
     * column) becomes a dot ({@code a.name}).
     */
    static Row entity(JsonParser p, boolean aliases) throws IOException {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> annotations = new HashMap<>(4);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (aliases && name.indexOf("_x002e_") > 0) {
                name = name.replace("_x002e_", ".");
            }
            JsonToken t = p.nextToken();
            if (name.indexOf('@') >= 0) {
                if (t.isScalarValue()) {
                    annotations.put(name, p.getValueAsString());
                } else {
                    p.skipChildren();
                }
                continue;
            }
            values.put(name, value(p, t));
        }
        return new Row(values, annotations);
    }

    /** The value of a scalar token, as {@link #entity} holds it. */
    static Object scalar(JsonParser p, JsonToken t) throws IOException {
        return value(p, t);
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case START_OBJECT -> entity(p);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken item;
                while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(p, item));
                }
                yield list;
            }
            default -> throw new IOException("unexpected token " + t);
        };
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }
}
