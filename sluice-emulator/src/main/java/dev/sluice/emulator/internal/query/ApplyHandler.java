package dev.sluice.emulator.internal.query;

import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.fetch.AggregateQuery;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Preferences;
import dev.sluice.emulator.internal.odata.OptionText;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.ColumnType;
import dev.sluice.emulator.internal.schema.RelationshipDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers {@code $apply} with the transformations Dataverse supports in common use (webapi/query/aggregate-data.md):
 * {@code filter(…)} steps (the {@code $filter} language) followed by one {@code groupby((a,b))},
 * {@code groupby((a),aggregate(…))} or {@code aggregate(…)}, where an aggregate is {@code $count as x} or
 * {@code column with sum|average|min|max as x}, and a group may be a column of a row a lookup points to
 * ({@code primarycontactid/fullname}, answered as {@code contact_fullname}). As documented: grouping by a date and
 * time column, {@code countdistinct} and {@code $orderby} are refused, and at most 50,000 rows are aggregated. Not
 * thread-safe; one per request.
 */
final class ApplyHandler {
    private final QueryScope scope;
    private final ApiRequest request;
    private final Preferences prefs;

    ApplyHandler(QueryScope scope, ApiRequest request, Preferences prefs) {
        this.scope = scope;
        this.request = request;
        this.prefs = prefs;
    }

    ApiResponse get(Map<String, List<String>> params, TableDef table) {
        for (String name : params.keySet()) {
            if (name.equals("$orderby")) {
                throw QueryErrors.bad("The query node SingleValueOpenPropertyAccess is not supported ($orderby with "
                        + "$apply).");
            }
            if (name.startsWith("$") && !name.equals("$apply")) {
                throw QueryErrors.bad("The query parameter " + name + " cannot be combined with $apply in the Sluice "
                        + "emulator; put a filter(...) step in $apply instead.");
            }
        }
        String apply = params.get("$apply").get(0);
        List<String> steps = OptionText.split(apply, '/');
        List<RowPredicate> filters = new ArrayList<>();
        String last = null;
        for (int i = 0; i < steps.size(); i++) {
            String step = steps.get(i).trim();
            if (step.startsWith("filter(") && step.endsWith(")") && last == null) {
                String expr = step.substring(7, step.length() - 1);
                RowPredicate p = QueryParser.parse(scope, table, "$filter=" + URLEncoder.encode(expr,
                        StandardCharsets.UTF_8), request.baseUrl()).filter();
                if (p != null) {
                    filters.add(p);
                }
            } else if ((step.startsWith("groupby(") || step.startsWith("aggregate(")) && step.endsWith(")")
                    && last == null) {
                last = step;
            } else {
                throw QueryErrors.bad("The $apply transformation '" + step + "' is not supported: use filter(...) "
                        + "steps followed by one groupby((...)), groupby((...),aggregate(...)) or aggregate(...).");
            }
        }
        if (last == null) {
            throw QueryErrors.bad("$apply needs a groupby((...)) or aggregate(...) transformation.");
        }
        Layout layout = new Layout(table);
        List<AggregateQuery.Spec> specs = new ArrayList<>();
        if (last.startsWith("groupby(")) {
            String inner = last.substring(8, last.length() - 1).trim();
            List<String> parts = OptionText.split(inner, ',');
            if (parts.isEmpty() || !parts.get(0).startsWith("(") || !parts.get(0).endsWith(")")) {
                throw QueryErrors.bad("groupby needs its properties in parentheses: groupby((statuscode)).");
            }
            for (String prop : OptionText.split(parts.get(0).substring(1, parts.get(0).length() - 1), ',')) {
                specs.add(layout.group(prop.trim()));
            }
            if (parts.size() == 2 && parts.get(1).startsWith("aggregate(") && parts.get(1).endsWith(")")) {
                aggregates(parts.get(1), layout, specs);
            } else if (parts.size() != 1) {
                throw QueryErrors.bad("groupby takes its properties and at most one aggregate(...): '" + last + "'.");
            }
        } else {
            aggregates(last, layout, specs);
        }
        AggregateQuery q = new AggregateQuery(scope.store(), specs);
        for (Row r : scope.store().rows(table).values()) {
            boolean keep = true;
            for (RowPredicate p : filters) {
                if (!p.test(r)) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                q.add(layout.frame(r));
            }
        }
        return q.respond(request, prefs, table);
    }

    private void aggregates(String text, Layout layout, List<AggregateQuery.Spec> specs) {
        for (String a : OptionText.split(text.substring(10, text.length() - 1), ',')) {
            String[] w = a.trim().split("\\s+");
            if (w.length == 3 && w[0].equals("$count") && w[1].equals("as")) {
                specs.add(new AggregateQuery.Spec(w[2], 0, 0, layout.table.columns().get(0), "count"));
            } else if (w.length == 5 && w[1].equals("with") && w[3].equals("as")) {
                String fn = switch (w[2]) {
                    case "sum" -> "sum";
                    case "average" -> "avg";
                    case "min" -> "min";
                    case "max" -> "max";
                    case "countdistinct" -> throw QueryErrors.bad("countdistinct is not supported by Dataverse's "
                            + "$apply; use FetchXML countcolumn with distinct='true'.");
                    default -> throw QueryErrors.bad("Unknown aggregation method '" + w[2] + "' in '" + a.trim()
                            + "'; use sum, average, min or max.");
                };
                AggregateQuery.Spec col = layout.column(w[0], w[4], fn);
                ColumnType t = col.def().type();
                boolean numeric = t == ColumnType.INTEGER || t == ColumnType.BIGINT || t == ColumnType.DECIMAL
                        || t == ColumnType.DOUBLE || t == ColumnType.MONEY;
                if (!numeric && !(t == ColumnType.DATETIME && (fn.equals("min") || fn.equals("max")))) {
                    throw ApiException.badRequest("0x8004112F", "Aggregate " + w[2] + " is not supported for "
                            + "attribute of type " + t.attributeTypeCode().toLowerCase(Locale.ROOT) + " ('" + w[0]
                            + "').");
                }
                specs.add(col);
            } else {
                throw QueryErrors.bad("The aggregate '" + a.trim() + "' is not understood: write '$count as NAME' or "
                        + "'COLUMN with sum|average|min|max as NAME'.");
            }
        }
    }

    /** Where each property lives in the joined row: the entity at 0, then each lookup's target row. */
    private final class Layout {
        final TableDef table;
        final Map<String, RelationshipDef> navigations = new LinkedHashMap<>();
        final List<RelationshipDef> order = new ArrayList<>();

        Layout(TableDef table) {
            this.table = table;
        }

        AggregateQuery.Spec group(String prop) {
            AggregateQuery.Spec s = column(prop, null, null);
            if (s.def().type() == ColumnType.DATETIME) {
                throw QueryErrors.bad("groupby with datetime values is not supported: '" + prop + "'.");
            }
            return s;
        }

        AggregateQuery.Spec column(String prop, String alias, String function) {
            int slash = prop.indexOf('/');
            if (slash < 0) {
                ColumnDef c = table.columnByWireName(prop);
                if (c == null || (c.type().isLookup() && !prop.startsWith("_"))) {
                    throw QueryErrors.unknownProperty(table, prop);
                }
                return new AggregateQuery.Spec(alias == null ? c.wireName() : alias, 0, table.indexOf(c.name()), c,
                        function);
            }
            String nav = prop.substring(0, slash);
            String col = prop.substring(slash + 1);
            RelationshipDef r = scope.store().schema().singleNavigation(table.logicalName(), nav);
            if (r == null || col.contains("/")) {
                throw QueryErrors.unknownProperty(table, prop);
            }
            TableDef target = scope.store().schema().table(r.referencedTable());
            ColumnDef c = target.columnByWireName(col);
            if (c == null) {
                throw QueryErrors.unknownProperty(target, col);
            }
            if (!navigations.containsKey(nav)) {
                navigations.put(nav, r);
                order.add(r);
            }
            int node = order.indexOf(navigations.get(nav)) + 1;
            return new AggregateQuery.Spec(alias == null ? target.logicalName() + "_" + c.wireName() : alias, node,
                    target.indexOf(c.name()), c, function);
        }

        Row[] frame(Row r) {
            Row[] f = new Row[order.size() + 1];
            f[0] = r;
            for (int i = 0; i < order.size(); i++) {
                RelationshipDef rel = order.get(i);
                f[i + 1] = scope.target(r.get(table.indexOf(rel.lookupColumn())), rel.referencedTable());
            }
            return f;
        }
    }
}
