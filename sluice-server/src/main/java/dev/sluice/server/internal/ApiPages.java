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
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The REST API's pages of a row query, {@code {"value": [rows], "continuation": token}}. From Dataverse the rows
 * are Dataverse's own, their bytes copied through from its page ({@link PageCopy}), the continuation carries its skip
 * token, and the next {@link #PAGES_AHEAD} pages are read ahead while the caller takes this one ({@link ReadAhead}),
 * asked for by the nextLink at the end of each page before it is scanned (checked against the scan); Business Central
 * pages come from {@link DataApi#page} as rows. Counted and audited like {@link DataApi#page}. Thread-safe.
 */
final class ApiPages {
    private static final byte[] VALUE = "{\"value\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_CONTINUATION = ",\"continuation\":null}".getBytes(StandardCharsets.US_ASCII);

    /** Pages read ahead of the one a caller takes: Dataverse's next page is on its way while the caller reads. */
    static final int PAGES_AHEAD = 2;

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
        byte[] sent = page.skipToken() != null ? ahead.take(aheadKey(caller, ref, page, q, page.skipToken())) : null;
        if (sent == null) {
            sent = client.queryPageJson(q.query(), page.pageSize(), page.skipToken());
        }
        // the next pages are asked for before this one is scanned, by the nextLink its last bytes show
        String guessed = QueryPage.guessSkipToken(sent);
        if (guessed != null) {
            readAhead(caller, ref, client, page, q, guessed, PAGES_AHEAD);
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
        if (!Objects.equals(skip, guessed)) {
            // the guess was wrong (or there is no next page after all): read what the page itself says
            if (guessed != null) {
                ahead.discard(aheadKey(caller, ref, page, q, guessed));
            }
            if (skip != null) {
                readAhead(caller, ref, client, page, q, skip, PAGES_AHEAD);
            }
        }
        body.write(VALUE);
        copy.writeRows(body);
        // the token is base64url: JSON needs no escapes for it
        body.write(next == null ? NO_CONTINUATION : (",\"continuation\":\"" + next + "\"}")
                .getBytes(StandardCharsets.US_ASCII));
        s.metrics().rowsRead(copy.rows());
        s.store().audit().append(caller.name(), AuditAction.DATA_QUERIED, c.id(), c.name(), "queried table '"
                + page.table() + "': " + copy.rows() + " rows");
        return body.toByteArray();
    }

    /**
     * Reads the page {@code skip} names ahead, and once it is read the {@code depth - 1} pages after it (by the
     * nextLinks their last bytes show); pages already being read are not read twice.
     */
    private void readAhead(Caller caller, String ref, DataverseClient client, PageToken page, PageQuery q, String skip,
            int depth) {
        String key = aheadKey(caller, ref, page, q, skip);
        CompletableFuture<byte[]> read = ahead.start(key, page.pageSize(),
                () -> client.queryPageJson(q.query(), page.pageSize(), skip));
        if (read != null && depth > 1) {
            read.thenAccept(bytes -> {
                String after = QueryPage.guessSkipToken(bytes);
                if (after != null && ahead.holds(key)) {
                    readAhead(caller, ref, client, page, q, after, depth - 1);
                }
            });
        }
    }

    /**
     * Whose read-ahead page a request may take: the same caller, through the same connection reference, for the same
     * query (its table, columns, filter, page size and keyset boundary) and skip token. The last key a continuation
     * also carries is left out: with a skip token it does not change which rows come next.
     */
    private static String aheadKey(Caller caller, String ref, PageToken page, PageQuery q, String skip) {
        return String.join("\n", caller.name(), ref, page.table(), String.join(",", page.select()),
                String.valueOf(page.filter()), String.valueOf(page.pageSize()), String.valueOf(q.from()), skip);
    }
}
