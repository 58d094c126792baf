package dev.sluice.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.QueryPage;
import dev.sluice.store.AuditAction;
import dev.sluice.store.Connection;
import dev.sluice.store.GrantLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The REST API's pages of a row query, {@code {"value": [rows], "continuation": token}}. From Dataverse the rows
 * are Dataverse's own, their bytes copied through from its page ({@link PageCopy}), the continuation carries its skip token, and the next page is
 * read ahead while the caller takes this one ({@link ReadAhead}); Business Central pages come from
 * {@link DataApi#page} as rows. Counted and audited like {@link DataApi#page}. Thread-safe.
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
        if (DataverseClients.isBusinessCentral(c)) {
            DataApi.RowPage rows = data.page(caller, ref, page);
            ObjectNode answer = JsonBodies.MAPPER.createObjectNode();
            ArrayNode value = answer.putArray("value");
            rows.rows().forEach(r -> value.add(DataApi.row(r)));
            answer.put("continuation", rows.continuation());
            return JsonBodies.MAPPER.writeValueAsBytes(answer);
        }
        DataverseClient client = s.clients().client(c);
        PageQuery q = PageQuery.of(client, page);
        byte[] sent = page.skipToken() != null ? ahead.take(aheadKey(caller, ref, page.encode())) : null;
        if (sent == null) {
            sent = client.queryPageJson(q.query(), page.pageSize(), page.skipToken());
        }
        PageCopy copy = new PageCopy(q.pk()).scan(sent);
        ByteArrayOutputStream body = new ByteArrayOutputStream(sent.length + 512);
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

    /** Whose read-ahead page a continuation names: the same caller, through the same connection reference. */
    private static String aheadKey(Caller caller, String ref, String continuation) {
        return caller.name() + "\n" + ref + "\n" + continuation;
    }
}
