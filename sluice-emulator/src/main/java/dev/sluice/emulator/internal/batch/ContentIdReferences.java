package dev.sluice.emulator.internal.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.emulator.internal.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code $n} references to earlier operations of a change set (fact sheet §D.1): in the URL
 * ({@code PATCH $1}, {@code PUT $1/primarycontactid/$ref}) and in JSON bodies, as the value of an
 * {@code @odata.bind} or {@code @odata.id} property. Stateless and thread-safe.
 */
final class ContentIdReferences {
    private static final String BIND = "@odata.bind";
    private static final String ID = "@odata.id";

    private ContentIdReferences() {}

    /** The Content-ID a URL refers to ({@code 1} for {@code $1/name}), or null when it is a normal URL. */
    static String inUrl(String url) {
        if (!url.startsWith("$") || url.startsWith("$metadata") || url.startsWith("$batch")) {
            return null;
        }
        return idOf(url);
    }

    /** Replaces a leading {@code $n} with the URL of the entity operation n created. */
    static String resolveUrl(String url, Map<String, String> entityUrls) {
        String id = inUrl(url);
        if (id == null) {
            return url;
        }
        return target(id, entityUrls) + url.substring(1 + id.length());
    }

    /** The Content-IDs a JSON body refers to; empty when it refers to none or is not JSON. */
    static List<String> inBody(byte[] body) {
        List<String> ids = new ArrayList<>();
        JsonNode tree = parse(body);
        if (tree != null) {
            visit(tree, null, v -> {
                ids.add(idOf(v));
                return v;
            });
        }
        return ids;
    }

    /** The body with each {@code $n} reference replaced by the URL of the entity operation n created. */
    static byte[] resolveBody(byte[] body, Map<String, String> entityUrls) {
        JsonNode tree = parse(body);
        if (tree == null) {
            return body;
        }
        visit(tree, null, v -> {
            String id = idOf(v);
            return target(id, entityUrls) + v.substring(1 + id.length());
        });
        return Json.bytes(tree);
    }

    private static String target(String id, Map<String, String> entityUrls) {
        String url = entityUrls.get(id);
        if (url == null) {
            throw BatchErrors.unknownContentId(id);
        }
        return url;
    }

    private static String idOf(String reference) {
        int end = 1;
        while (end < reference.length() && reference.charAt(end) != '/' && reference.charAt(end) != '?') {
            end++;
        }
        return reference.substring(1, end);
    }

    private static JsonNode parse(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.contains("\"$")) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null; // not JSON: the operation's handler reports the payload error
        }
    }

    /** Walks objects and arrays; {@code replace} gets each reference value and returns its replacement. */
    private static void visit(JsonNode node, String field, Function<String, String> replace) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(object.properties());
            for (Map.Entry<String, JsonNode> e : entries) {
                JsonNode value = e.getValue();
                if (isReference(e.getKey(), value)) {
                    object.set(e.getKey(), TextNode.valueOf(replace.apply(value.asText())));
                } else {
                    visit(value, e.getKey(), replace);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (field != null && field.endsWith(BIND) && isReference(field, item)) {
                    array.set(i, TextNode.valueOf(replace.apply(item.asText())));
                } else {
                    visit(item, null, replace);
                }
            }
        }
    }

    private static boolean isReference(String field, JsonNode value) {
        return (field.endsWith(BIND) || field.equals(ID)) && value.isTextual() && value.asText().startsWith("$")
                && value.asText().length() > 1;
    }
}
