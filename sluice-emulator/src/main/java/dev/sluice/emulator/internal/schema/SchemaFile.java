package dev.sluice.emulator.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.emulator.internal.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads extra tables from a YAML or JSON file:
 *
 * <pre>
 * tables:
 *   - logicalName: new_project
 *     entitySetName: new_projects
 *     displayName: Project
 *     primaryName: new_name
 *     columns:
 *       - { name: new_name, type: String, maxLength: 100, required: true }
 *       - { name: new_stage, type: Picklist, options: { 1: Plan, 2: Build } }
 *       - { name: new_accountid, type: Lookup, target: account, relationship: new_account_projects }
 *     keys:
 *       - { name: new_code_key, columns: [new_code] }
 * </pre>
 *
 * Errors name the file and the table/column at fault.
 */
public final class SchemaFile {
    private static final Set<String> TABLE_FIELDS =
            Set.of("logicalName", "entitySetName", "displayName", "primaryName", "columns", "keys", "ownership");
    private static final Set<String> COLUMN_FIELDS = Set.of("name", "type", "displayName", "maxLength", "required",
            "options", "target", "targets", "relationship");

    private SchemaFile() {}

    public static List<TableDef> read(Path file) {
        JsonNode root;
        try {
            ObjectMapper mapper = file.toString().endsWith(".json") ? Json.MAPPER : Json.YAML;
            root = mapper.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("schema file " + file + ": cannot read it: " + e.getMessage(), e);
        }
        if (root == null || !root.path("tables").isArray()) {
            throw new IllegalArgumentException("schema file " + file + ": expected a top-level 'tables' list");
        }
        List<TableDef> out = new ArrayList<>();
        int i = 0;
        for (JsonNode t : root.get("tables")) {
            String where = "schema file " + file + " table #" + (++i);
            try {
                out.add(table(t, where));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().startsWith("schema file") ? e.getMessage()
                        : where + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static TableDef table(JsonNode t, String where) {
        unknown(t, TABLE_FIELDS, where);
        String name = text(t, "logicalName", where);
        TableBuilder b = TableBuilder.table(name, t.path("entitySetName").asText(name + "s"),
                t.path("displayName").asText(name));
        if (t.has("primaryName")) {
            b.primaryName(t.get("primaryName").asText());
        }
        if ("organization".equals(t.path("ownership").asText())) {
            b.organizationOwned();
        }
        for (JsonNode c : t.path("columns")) {
            b.column(column(c, where + " (" + name + ")"));
        }
        for (JsonNode k : t.path("keys")) {
            List<String> cols = new ArrayList<>();
            k.path("columns").forEach(n -> cols.add(n.asText()));
            b.key(text(k, "name", where), cols.toArray(String[]::new));
        }
        return b.build();
    }

    private static ColumnDef column(JsonNode c, String where) {
        unknown(c, COLUMN_FIELDS, where);
        String name = text(c, "name", where);
        String at = where + " column '" + name + "'";
        ColumnType type;
        try {
            type = ColumnType.parse(text(c, "type", at));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": " + e.getMessage());
        }
        List<OptionDef> options = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = c.path("options").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                options.add(new OptionDef(Integer.parseInt(e.getKey()), e.getValue().asText()));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(at + ": option value '" + e.getKey() + "' is not an integer");
            }
        }
        if (type == ColumnType.BOOLEAN && options.isEmpty()) {
            options = List.of(new OptionDef(0, "No"), new OptionDef(1, "Yes"));
        }
        List<LookupTarget> targets = new ArrayList<>();
        if (c.has("target")) {
            targets.add(new LookupTarget(c.get("target").asText(),
                    c.path("relationship").asText(name + "_" + c.get("target").asText())));
        }
        for (JsonNode tg : c.path("targets")) {
            targets.add(new LookupTarget(text(tg, "table", at), text(tg, "relationship", at)));
        }
        return new ColumnDef(name, type, c.path("displayName").asText(name), c.path("maxLength").asInt(
                type == ColumnType.STRING ? 100 : type == ColumnType.MEMO ? 2000 : 0),
                c.path("required").asBoolean(false), false, options, targets);
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": '" + field + "' is required");
        }
        return v.asText();
    }

    private static void unknown(JsonNode n, Set<String> allowed, String where) {
        n.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new IllegalArgumentException(where + ": unknown field '" + f + "' (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        });
    }
}
