package dev.sluice.dataverse.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.BatchRef;
import dev.sluice.dataverse.Lookup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Writes column values as a Web API JSON body; {@link Lookup}s become {@code @odata.bind}, and so do
 * {@link BatchRef}s ({@code "$1"}, a Content-ID reference inside a change set). Stateless.
 */
public final class Payload {
    private static final JsonFactory FACTORY = Transport.JSON.getFactory();

    private Payload() {}

    public static byte[] json(Map<String, ?> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, values, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes one object; {@code type} adds {@code @odata.type} first (bulk messages need it). */
    public static void write(JsonGenerator g, Map<String, ?> values, String type) throws IOException {
        write(g, values, type, null);
    }

    /**
     * Writes one bulk target: {@code @odata.type}, then {@code @odata.id} (a row addressed by alternate
     * key, e.g. {@code accounts(accountnumber='A-1')}) when not null, then the values.
     */
    public static void write(JsonGenerator g, Map<String, ?> values, String type, String odataId) throws IOException {
        g.writeStartObject();
        if (type != null) {
            g.writeStringField("@odata.type", type);
        }
        if (odataId != null) {
            g.writeStringField("@odata.id", odataId);
        }
        for (Map.Entry<String, ?> e : values.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Lookup l) {
                g.writeStringField(e.getKey() + "@odata.bind", l.reference());
            } else if (v instanceof BatchRef r) {
                g.writeStringField(e.getKey() + "@odata.bind", "$" + r.contentId());
            } else {
                g.writeFieldName(e.getKey());
                value(g, e.getKey(), v);
            }
        }
        g.writeEndObject();
    }

    @SuppressWarnings("unchecked")
    private static void value(JsonGenerator g, String name, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof Double || v instanceof Float) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).intValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof UUID u) {
            g.writeString(u.toString());
        } else if (v instanceof Instant i) {
            g.writeString(DateTimeFormatter.ISO_INSTANT.format(i));
        } else if (v instanceof OffsetDateTime o) {
            g.writeString(DateTimeFormatter.ISO_INSTANT.format(o.toInstant()));
        } else if (v instanceof LocalDate d) {
            g.writeString(d.toString());
        } else if (v instanceof Map<?, ?> m) {
            write(g, (Map<String, ?>) m, null);
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object o : c) {
                value(g, name, o);
            }
            g.writeEndArray();
        } else {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "column '" + name + "': cannot write a "
                    + v.getClass().getSimpleName() + " value");
        }
    }
}
