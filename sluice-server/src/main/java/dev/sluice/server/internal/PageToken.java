package dev.sluice.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The continuation token of a paged row query: the query itself, the last primary key returned, and, for Dataverse,
 * the {@code $skiptoken} its nextLink gave. With a skip token the next page is Dataverse's own (as cheap at row
 * 1,000,000 as at row 1); without one (the table browser's way back, Business Central) the next page is the keyset
 * {@code primary key gt after}. It holds nothing a caller could not send anyway and never a URL, so it cannot point
 * the server elsewhere: the skip token is only ever sent, percent-encoded, as a query value to the connection's own
 * org. Immutable and thread-safe.
 *
 * @param table the table
 * @param select columns, or empty for all
 * @param filter the caller's OData filter, or null
 * @param pageSize rows per page
 * @param after the last primary key of the previous page, or null for the first page
 * @param from the keyset boundary of the query the skip token belongs to (its {@code primary key gt from}), or null
 * @param skipToken Dataverse's skip token for the next page of that query, or null
 */
record PageToken(String table, List<String> select, String filter, int pageSize, UUID after, UUID from,
        String skipToken) {
    PageToken {
        select = List.copyOf(select);
    }

    /** A keyset token: the rows after {@code after} (null: the first page). */
    PageToken(String table, List<String> select, String filter, int pageSize, UUID after) {
        this(table, select, filter, pageSize, after, null, null);
    }

    String encode() {
        ObjectNode n = JsonBodies.MAPPER.createObjectNode();
        n.put("t", table);
        select.forEach(n.putArray("s")::add);
        n.put("f", filter);
        n.put("n", pageSize);
        n.put("a", after.toString());
        if (skipToken != null) {
            n.put("k", skipToken);
            if (from != null) {
                n.put("b", from.toString());
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(n.toString().getBytes(StandardCharsets.UTF_8));
    }

    static PageToken decode(String token, String table) {
        try {
            JsonNode n = JsonBodies.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
            List<String> select = new ArrayList<>();
            n.path("s").forEach(s -> select.add(s.asText()));
            PageToken t = new PageToken(n.get("t").asText(), select, n.hasNonNull("f") ? n.get("f").asText() : null,
                    n.get("n").asInt(), UUID.fromString(n.get("a").asText()),
                    n.hasNonNull("b") ? UUID.fromString(n.get("b").asText()) : null,
                    n.hasNonNull("k") ? n.get("k").asText() : null);
            if (t.pageSize < 1 || t.pageSize > DataApi.MAX_PAGE) {
                throw new IllegalArgumentException("page size out of range");
            }
            if (!t.table.equals(table)) {
                throw ApiProblem.badRequest("the continuation token belongs to table '" + t.table + "', not '" + table + "'");
            }
            return t;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiProblem p) {
                throw p;
            }
            throw ApiProblem.badRequest("'continuation' is not a token from a previous page of this query");
        }
    }
}
