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
 * The continuation token of a paged row query: the query itself and the last primary key returned (keyset paging).
 * It holds nothing a caller could not send anyway and never a Dataverse URL, so it cannot point the server
 * elsewhere. Immutable and thread-safe.
 *
 * @param table the table
 * @param select columns, or empty for all
 * @param filter the caller's OData filter, or null
 * @param pageSize rows per page
 * @param after the last primary key of the previous page, or null for the first page
 */
record PageToken(String table, List<String> select, String filter, int pageSize, UUID after) {
    PageToken {
        select = List.copyOf(select);
    }

    String encode() {
        ObjectNode n = JsonBodies.MAPPER.createObjectNode();
        n.put("t", table);
        select.forEach(n.putArray("s")::add);
        n.put("f", filter);
        n.put("n", pageSize);
        n.put("a", after.toString());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(n.toString().getBytes(StandardCharsets.UTF_8));
    }

    static PageToken decode(String token, String table) {
        try {
            JsonNode n = JsonBodies.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
            List<String> select = new ArrayList<>();
            n.path("s").forEach(s -> select.add(s.asText()));
            PageToken t = new PageToken(n.get("t").asText(), select, n.hasNonNull("f") ? n.get("f").asText() : null,
                    n.get("n").asInt(), UUID.fromString(n.get("a").asText()));
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
