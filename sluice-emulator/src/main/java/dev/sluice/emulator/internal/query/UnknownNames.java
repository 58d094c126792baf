package dev.sluice.emulator.internal.query;

import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.odata.OptionText;
import dev.sluice.emulator.internal.schema.OrgSchema;
import dev.sluice.emulator.internal.schema.RelationshipDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the property Olingo could not find. Olingo reports "Unknown property." without saying which,
 * while Dataverse says "Could not find a property named 'x' on type 'Microsoft.Dynamics.CRM.account'.";
 * this walks the property paths of the option text against the schema to find the first unknown name
 * and its type. Stateless.
 */
final class UnknownNames {
    private static final Pattern PATH = Pattern.compile(
            "'(?:[^']|'')*'|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
                    + "|\\d[\\w.:+-]*|@\\w+|(?<path>[A-Za-z_$][\\w.]*(?:/[A-Za-z_$][\\w.]*)*)(?<call>\\s*\\()?");
    private static final Set<String> WORDS = Set.of("eq", "ne", "gt", "ge", "lt", "le", "and", "or", "not", "has",
            "in", "add", "sub", "mul", "div", "mod", "null", "true", "false", "asc", "desc", "$it", "$root",
            "INF", "NaN");

    private UnknownNames() {}

    /** The 400 for the first unknown name in these options, or null when none is found. */
    static ApiException find(OrgSchema schema, TableDef table, Map<String, String> options) {
        for (Map.Entry<String, String> e : options.entrySet()) {
            ApiException found = switch (e.getKey()) {
                case "$select" -> select(table, e.getValue());
                case "$orderby", "$filter" -> expression(schema, table, e.getValue());
                case "$expand" -> expand(schema, table, e.getValue());
                default -> null;
            };
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static ApiException select(TableDef table, String text) {
        for (String s : text.split(",")) {
            String name = s.trim();
            if (!name.isEmpty() && !name.equals("*") && table.indexOfWire(name) < 0) {
                return QueryErrors.unknownProperty(table, name);
            }
        }
        return null;
    }

    private static ApiException expression(OrgSchema schema, TableDef table, String text) {
        Map<String, TableDef> variables = new HashMap<>();
        Matcher m = PATH.matcher(text);
        while (m.find()) {
            String path = m.group("path");
            if (path == null || WORDS.contains(path)) {
                continue;
            }
            String[] parts = path.split("/");
            boolean call = m.group("call") != null;
            if (call && parts.length == 1) {
                continue; // a function such as contains(...)
            }
            TableDef t = table;
            int i = 0;
            if (variables.containsKey(parts[0])) {
                t = variables.get(parts[0]);
                i = 1;
            }
            for (; i < parts.length; i++) {
                String p = parts[i];
                if ((p.equals("any") || p.equals("all")) && call && i == parts.length - 1) {
                    int colon = text.indexOf(':', m.end());
                    if (colon > 0) {
                        variables.put(text.substring(m.end(), colon).trim(), t);
                    }
                    break;
                }
                if (p.equals("$count")) {
                    break;
                }
                if (t.indexOfWire(p) >= 0) {
                    break;
                }
                RelationshipDef single = schema.singleNavigation(t.logicalName(), p);
                RelationshipDef many = schema.collectionNavigation(t.logicalName(), p);
                if (single != null) {
                    t = schema.table(single.referencedTable());
                } else if (many != null) {
                    t = schema.table(many.referencingTable());
                } else {
                    return QueryErrors.unknownProperty(t, p);
                }
            }
        }
        return null;
    }

    private static ApiException expand(OrgSchema schema, TableDef table, String text) {
        for (String item : FunctionCall.splitTopLevel(text)) {
            String s = item.trim();
            int paren = s.indexOf('(');
            String nav = (paren < 0 ? s : s.substring(0, paren)).trim();
            if (nav.endsWith("/$ref")) {
                nav = nav.substring(0, nav.length() - 5);
            }
            RelationshipDef single = schema.singleNavigation(table.logicalName(), nav);
            RelationshipDef many = schema.collectionNavigation(table.logicalName(), nav);
            if (single == null && many == null) {
                return QueryErrors.unknownProperty(table, nav);
            }
            if (paren < 0 || !s.endsWith(")")) {
                continue;
            }
            TableDef target = schema.table(single != null ? single.referencedTable() : many.referencingTable());
            Map<String, String> inner = new HashMap<>();
            for (String opt : OptionText.split(s.substring(paren + 1, s.length() - 1), ';')) {
                int eq = opt.indexOf('=');
                if (eq > 0) {
                    inner.put(opt.substring(0, eq).trim(), opt.substring(eq + 1));
                }
            }
            ApiException found = find(schema, target, inner);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
