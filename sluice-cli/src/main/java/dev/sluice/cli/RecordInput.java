package dev.sluice.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.ColumnMetadata;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.RecordKey;
import dev.sluice.dataverse.TableMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The record and key arguments of the single-row commands: JSON from an argument or standard input, and a
 * row key given as a GUID or as {@code column=value[,column=value]} (an alternate key). Stateless.
 */
final class RecordInput {
    private static final ObjectMapper JSON = Json.MAPPER;

    private RecordInput() {}

    /** The JSON object from {@code json}, or from stdin when it is null or {@code -}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(CliEnvironment env, String json) {
        String text = json;
        try {
            if (text == null || text.equals("-")) {
                text = new String(env.stdin().readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "cannot read the record from standard input", e);
        }
        if (text.isBlank()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "no record given: pass a JSON object as an argument, "
                    + "e.g. '{\"name\":\"Contoso\"}', or on standard input");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "the record is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "): "
                    + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "the record must be a JSON object, e.g. "
                    + "{\"name\":\"Contoso\"}");
        }
        return JSON.convertValue(node, LinkedHashMap.class);
    }

    /** Checks a record's column names (annotations such as {@code x@odata.bind} pass) against the table. */
    static void checkColumns(TableMetadata m, Map<String, Object> record) {
        List<String> plain = record.keySet().stream().filter(k -> !k.contains("@")).toList();
        Tables.requireColumns(m, plain);
    }

    /** A key from a GUID or {@code col=value,…}; values typed by the columns' types. */
    static RecordKey key(DataverseClient client, TableMetadata m, String text) {
        String t = text.trim();
        if (!t.contains("=")) {
            try {
                return RecordKey.of(UUID.fromString(t));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + t + "' is neither a GUID nor COLUMN=VALUE (e.g. "
                        + "--key accountnumber=A-1)");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String part : t.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("key part '" + part + "' is not COLUMN=VALUE");
            }
            String column = part.substring(0, eq).trim();
            Tables.requireColumns(m, List.of(column));
            ColumnMetadata c = m.requireColumn(column);
            values.put(c.type().isLookup() ? c.wireName() : c.logicalName(),
                    c.type().isLookup() ? UUID.fromString(part.substring(eq + 1).trim())
                            : ColumnValues.scalar(c, part.substring(eq + 1)));
        }
        return RecordKey.alternate(values);
    }
}
