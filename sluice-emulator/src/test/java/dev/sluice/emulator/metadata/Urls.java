package dev.sluice.emulator.metadata;

import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;

/** Test helpers: percent-encodes the characters a URL cannot carry raw, lists JSON field names. */
final class Urls {
    private Urls() {}

    /** Encodes spaces, quotes and other characters the JDK URI parser rejects; keeps OData syntax readable. */
    static String encode(String pathAndQuery) {
        return pathAndQuery.replace("%", "%25").replace(" ", "%20").replace("'", "%27").replace("\"", "%22");
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
