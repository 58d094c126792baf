package dev.sluice.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The continuation token of a paged FetchXML query: the next page number, Dataverse's paging cookie for it (or none),
 * the page size, and a digest of the query text, so a token is only accepted with the query it came from. It holds
 * nothing a caller could not send anyway. Immutable and thread-safe.
 *
 * @param page the next page, from 1
 * @param cookie the paging cookie of the previous page, or null
 * @param pageSize rows per page
 * @param digest the first 16 hex digits of the query's SHA-256
 */
record FetchXmlToken(int page, String cookie, int pageSize, String digest) {
    String encode() {
        ObjectNode n = JsonBodies.MAPPER.createObjectNode();
        n.put("p", page);
        n.put("c", cookie);
        n.put("n", pageSize);
        n.put("h", digest);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(n.toString().getBytes(StandardCharsets.UTF_8));
    }

    static FetchXmlToken decode(String token, String fetchXml) {
        FetchXmlToken t;
        try {
            JsonNode n = JsonBodies.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
            t = new FetchXmlToken(n.get("p").asInt(), n.hasNonNull("c") ? n.get("c").asText() : null,
                    n.get("n").asInt(), n.get("h").asText());
        } catch (IOException | RuntimeException e) {
            throw ApiProblem.badRequest("'continuation' is not a token from a previous page of this FetchXML query");
        }
        if (!t.digest.equals(digest(fetchXml)) || t.page < 2 || t.pageSize < 1) {
            throw ApiProblem.badRequest("'continuation' belongs to another FetchXML query; send it with the same "
                    + "fetchXml as the page it came from");
        }
        return t;
    }

    static String digest(String fetchXml) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(fetchXml.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
