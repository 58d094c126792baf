package dev.sluice.server.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.QueryPage;
import dev.sluice.dataverse.Row;
import dev.sluice.store.AuditAction;
import dev.sluice.store.Connection;
import dev.sluice.store.GrantLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * The REST API's pages of a row query, {@code {"value": [rows], "continuation": token}}. From Dataverse the rows
 * are Dataverse's own, their bytes copied through from its page ({@link PageCopy}), the continuation carries its skip token, and the next page is
 * read ahead while the caller takes this one ({@link ReadAhead}); Business Central pages come from
 * {@link DataApi#page}. Counted and audited like {@link DataApi#page}. Thread-safe.
 */
final class ApiPages {
    private static final byte[] VALUE = "{\"value\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_CONTINUATION = ",\"continuation\":null}".getBytes(StandardCharsets.US_ASCII);

    private final Services s;
    private final DataApi data;
    private final ReadAhead ahead;

    ApiPages(Services services, DataApi data) {
        this.s = services;
        this.data = data;
        this.ahead = new ReadAhead(services.clock());
    }

    /** One page as the API answers it (read). */
    byte[] answer(Caller caller, String ref, PageToken page) throws IOException {
        Connection c = s.access().require(caller, ref, GrantLevel.READ);
        ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        if (DataverseClients.isBusinessCentral(c)) {
            DataApi.RowPage rows = data.page(caller, ref, page);
            try (JsonGenerator g = JsonBodies.MAPPER.createGenerator(body)) {
                g.writeStartObject();
                g.writeArrayFieldStart("value");
                for (Row r : rows.rows()) {
                    writeRow(g, r);
                }
                g.writeEndArray();
                g.writeStringField("continuation", rows.continuation());
                g.writeEndObject();
            }
            return body.toByteArray();
        }
        DataverseClient client = s.clients().client(c);
        PageQuery q = PageQuery.of(client, page);
        byte[] sent = page.skipToken() != null ? ahead.take(aheadKey(caller, ref, page.encode())) : null;
        if (sent == null) {
            sent = client.queryPageJson(q.query(), page.pageSize(), page.skipToken());
        }
        PageCopy copy = new PageCopy(q.pk()).scan(sent);
        body = new ByteArrayOutputStream(sent.length + 512);
        String next = null;
        String skip = null;
        if (copy.nextLink() != null && copy.rows() > 0) {
            if (copy.lastKey() == null) {
                throw new SluiceException(ErrorKind.INTERNAL, "Dataverse sent a row of table '" + page.table()
                        + "' without its primary key " + q.pk());
            }
            skip = QueryPage.skipTokenOf(copy.nextLink());
            next = q.next(page, UUID.fromString(copy.lastKey()), skip);
        }
        body.write(VALUE);
        copy.writeRows(body);
        // the token is base64url: JSON needs no escapes for it
        body.write(next == null ? NO_CONTINUATION : (",\"continuation\":\"" + next + "\"}")
                .getBytes(StandardCharsets.US_ASCII));
        if (next != null) {
            String token = skip;
            ahead.start(aheadKey(caller, ref, next), page.pageSize(),
                    () -> client.queryPageJson(q.query(), page.pageSize(), token));
        }
        s.metrics().rowsRead(copy.rows());
        s.store().audit().append(caller.name(), AuditAction.DATA_QUERIED, c.id(), c.name(), "queried table '"
                + page.table() + "': " + copy.rows() + " rows");
        return body.toByteArray();
    }

    /** A row as {@link DataApi#row} has it, written to {@code g}. */
    static void writeRow(JsonGenerator g, Row r) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> e : r.values().entrySet()) {
            g.writeFieldName(e.getKey());
            // the types a page holds, written as the mapper would without looking up a serializer for each
            Object v = e.getValue();
            if (v == null) {
                g.writeNull();
            } else if (v instanceof String text) {
                g.writeString(text);
            } else if (v instanceof Long n) {
                g.writeNumber(n);
            } else if (v instanceof BigDecimal d) {
                g.writeNumber(d); // as Dataverse wrote it (a tree of nodes made 100.00 into 1E+2)
            } else if (v instanceof Boolean b) {
                g.writeBoolean(b);
            } else {
                g.writeObject(v);
            }
        }
        for (Map.Entry<String, String> a : r.annotations().entrySet()) {
            if (!r.values().containsKey(a.getKey())) {
                g.writeStringField(a.getKey(), a.getValue());
            }
        }
        g.writeEndObject();
    }

    /** Whose read-ahead page a continuation names: the same caller, through the same connection reference. */
    private static String aheadKey(Caller caller, String ref, String continuation) {
        return caller.name() + "\n" + ref + "\n" + continuation;
    }
}
