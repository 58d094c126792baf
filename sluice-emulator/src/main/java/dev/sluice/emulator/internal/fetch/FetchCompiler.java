package dev.sluice.emulator.internal.fetch;

import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.ColumnType;
import dev.sluice.emulator.internal.schema.OrgSchema;
import dev.sluice.emulator.internal.schema.TableDef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Resolves a parsed FetchXML query against the org's tables: every table, column and alias must exist (Dataverse's
 * {@code QueryBuilderNoEntity}/{@code NoAttribute} messages otherwise), conditions are compiled, and the returned
 * columns, sort keys and aggregates are laid out. Decides whether the query's pages carry paging cookies: Dataverse
 * returns none for some queries, e.g. those ordered by a link-entity column (fetchxml/page-results.md); the emulator
 * returns none when the order uses a link-entity column, when a link can match several rows per row (the cookie
 * names only the entity's row), and for distinct and aggregate queries. Not thread-safe; one per request.
 */
final class FetchCompiler {
    /** Dataverse: at most 15 link-entity elements per query (fetchxml/join-tables.md, Limitations). */
    static final int MAX_LINKS = 15;
    private static final Set<String> AGGREGATES = Set.of("count", "countcolumn", "sum", "avg", "min", "max");
    private static final Set<String> DATE_GROUPINGS = Set.of("day", "week", "month", "quarter", "year");
    private static final Set<ColumnType> NUMBERS = Set.of(ColumnType.INTEGER, ColumnType.BIGINT, ColumnType.DECIMAL,
            ColumnType.DOUBLE, ColumnType.MONEY);

    private final OrgSchema schema;
    private final Clock clock;
    private final UUID caller;
    private final List<PlanNode> nodes = new ArrayList<>();
    private final Map<String, PlanNode> byAlias = new HashMap<>();
    private final Map<PlanNode, FetchModel.Node> source = new LinkedHashMap<>();

    FetchCompiler(OrgSchema schema, Clock clock, UUID caller) {
        this.schema = schema;
        this.clock = clock;
        this.caller = caller;
    }

    /** Compiles {@code f}, which must query {@code table} (the entity set of the URL). */
    FetchPlan compile(FetchModel.Fetch f, TableDef table) {
        if (!f.entity().name().equals(table.logicalName())) {
            if (schema.table(f.entity().name()) == null) {
                throw noEntity(f.entity().name());
            }
            throw FetchErrors.bad(FetchErrors.ENTITIES_DONT_MATCH, "The entity name specified in FetchXml does not "
                    + "match the entity name in the EntityExpression: <entity name='" + f.entity().name() + "'> was "
                    + "sent to the entity set '" + table.entitySetName() + "' of '" + table.logicalName() + "'.");
        }
        if (f.top() != null && (f.page() != null || f.count() != null)) {
            throw FetchErrors.bad(FetchErrors.INVALID_ARGUMENT, "The 'top' attribute of <fetch> cannot be combined "
                    + "with the paging attributes 'page' and 'count' (fetchxml/page-results.md).");
        }
        if (f.top() != null && f.top() > 5000) {
            throw FetchErrors.bad(FetchErrors.INVALID_ARGUMENT, "The 'top' attribute of <fetch> cannot exceed 5,000; "
                    + "got " + f.top() + ". Page the results instead.");
        }
        PlanNode root = new PlanNode(0, table, null, null, -1, -1, null);
        add(root, f.entity());
        for (FetchModel.Node link : f.entity().links()) {
            link(root, link);
        }
        if (nodes.size() - 1 > MAX_LINKS) {
            throw FetchErrors.bad(FetchErrors.TOO_MANY_LINKS, "Number of link entities in query exceeded maximum "
                    + "limit: " + (nodes.size() - 1) + " <link-entity> elements, at most " + MAX_LINKS + ".");
        }
        // filters: each node's own filters; the entity's filters see the whole joined row
        FrameTest rootFilter = null;
        for (PlanNode n : nodes) {
            FrameTest t = filters(source.get(n).filters(), n);
            if (n.index == 0) {
                rootFilter = t;
            } else {
                n.filter = t;
            }
        }
        if (f.aggregate()) {
            return aggregate(f, rootFilter);
        }
        List<FetchPlan.Column> columns = columns(f);
        List<FetchPlan.Sort> orders = new ArrayList<>();
        boolean linkOrder = false;
        for (PlanNode n : nodes) {
            for (FetchModel.Order o : source.get(n).orders()) {
                if (o.alias() != null && o.attribute() == null) {
                    throw FetchErrors.bad(FetchErrors.ORDER_ALIAS_NOT_AGGREGATE, "An alias cannot be specified for an "
                            + "order clause for a non-aggregate Query. Use an attribute: <order alias='" + o.alias()
                            + "'>.");
                }
                PlanNode on = o.entityName() == null ? n : alias(o.entityName(), "<order entityname='"
                        + o.entityName() + "'>");
                ColumnDef c = column(on, o.attribute());
                linkOrder |= on.index != 0;
                orders.add(new FetchPlan.Sort(on.index, on.table.indexOf(c.name()), c, o.descending(),
                        !f.rawOrderBy()));
            }
        }
        boolean multiplies = nodes.stream().anyMatch(n -> n.index != 0 && !n.semiJoin() && !n.toOne());
        boolean cookies = !f.distinct() && !linkOrder && !multiplies;
        return new FetchPlan(f, List.copyOf(nodes), rootFilter, columns, orders, cookies, List.of(), List.of());
    }

    private void add(PlanNode n, FetchModel.Node element) {
        nodes.add(n);
        source.put(n, element);
    }

    private void link(PlanNode parent, FetchModel.Node el) {
        TableDef t = schema.table(el.name());
        if (t == null) {
            throw noEntity(el.name());
        }
        if (byAlias.containsKey(el.alias())) {
            throw FetchErrors.bad(FetchErrors.DUPLICATE_ALIAS, "FetchXML should have unique aliases: '" + el.alias()
                    + "' is used by more than one <link-entity>.");
        }
        ColumnDef from = column(t, el.from(), "<link-entity name='" + el.name() + "' from='" + el.from() + "'>");
        ColumnDef to = column(parent.table, el.to(), "<link-entity name='" + el.name() + "' to='" + el.to() + "'>");
        PlanNode n = new PlanNode(nodes.size(), t, el.alias(), parent, t.indexOf(from.name()),
                parent.table.indexOf(to.name()), el.linkType());
        if (n.semiJoin() && (el.allAttributes() || !el.attributes().isEmpty() || !el.orders().isEmpty())) {
            throw FetchErrors.bad(FetchErrors.INVALID_NODE, "The element node encountered is invalid: <link-entity "
                    + "name='" + el.name() + "' link-type='" + el.linkType() + "'> only tests for related rows and "
                    + "cannot return columns or order rows.");
        }
        byAlias.put(el.alias(), n);
        parent.children.add(n);
        add(n, el);
        for (FetchModel.Node child : el.links()) {
            link(n, child);
        }
    }

    private List<FetchPlan.Column> columns(FetchModel.Fetch f) {
        List<FetchPlan.Column> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (PlanNode n : nodes) {
            FetchModel.Node el = source.get(n);
            if (n.semiJoin()) {
                continue;
            }
            List<FetchModel.Attribute> attrs = new ArrayList<>(el.attributes());
            if (el.allAttributes()) {
                attrs.clear();
                n.table.columns().forEach(c -> attrs.add(new FetchModel.Attribute(c.name(), null, null, false, null,
                        false)));
            }
            for (FetchModel.Attribute a : attrs) {
                if (a.aggregate() != null || a.groupBy()) {
                    throw FetchErrors.bad(FetchErrors.INVALID_AGGREGATE, "An error occurred while processing "
                            + "Aggregates in Query: <attribute name='" + a.name() + "'> aggregates or groups, but "
                            + "<fetch> does not have aggregate='true'.");
                }
                ColumnDef c = column(n, a.name());
                String name = a.alias() != null ? a.alias()
                        : n.index == 0 ? c.wireName() : n.alias + "_x002e_" + c.name();
                if (names.add(name)) {
                    out.add(FetchPlan.Column.of(n.index, n.table.indexOf(c.name()), c, name));
                }
            }
            // Dataverse returns the entity's primary key with every row, except for distinct queries
            if (n.index == 0 && !f.distinct() && names.add(n.table.primaryIdAttribute())) {
                out.add(FetchPlan.Column.of(0, 0, n.table.columns().get(0), n.table.primaryIdAttribute()));
            }
        }
        return out;
    }

    private FetchPlan aggregate(FetchModel.Fetch f, FrameTest rootFilter) {
        if (f.distinct()) {
            throw FetchErrors.bad(FetchErrors.INVALID_AGGREGATE, "An error occurred while processing Aggregates in "
                    + "Query: <fetch aggregate='true'> cannot also be distinct.");
        }
        List<FetchPlan.Aggregate> aggregates = new ArrayList<>();
        Map<String, Integer> aliases = new HashMap<>();
        for (PlanNode n : nodes) {
            FetchModel.Node el = source.get(n);
            if (el.allAttributes()) {
                throw FetchErrors.bad(FetchErrors.ATTRIBUTE_WITH_AGGREGATE, "Attributes can not be returned when "
                        + "aggregate operation is specified: <" + el.element() + " name='" + el.name() + "'> has "
                        + "<all-attributes>.");
            }
            for (FetchModel.Attribute a : el.attributes()) {
                aggregates.add(aggregateColumn(n, a, aliases.size()));
                if (aliases.put(a.alias(), aliases.size()) != null) {
                    throw FetchErrors.bad(FetchErrors.DUPLICATE_ALIAS, "FetchXML should have unique aliases: '"
                            + a.alias() + "' names more than one <attribute>.");
                }
            }
        }
        if (aggregates.isEmpty()) {
            throw FetchErrors.bad(FetchErrors.INVALID_AGGREGATE, "An error occurred while processing Aggregates in "
                    + "Query: <fetch aggregate='true'> has no <attribute> with an aggregate or groupby.");
        }
        List<FetchPlan.AliasOrder> orders = new ArrayList<>();
        for (PlanNode n : nodes) {
            for (FetchModel.Order o : source.get(n).orders()) {
                if (o.alias() == null) {
                    throw FetchErrors.bad(FetchErrors.ORDER_ATTRIBUTE_IN_AGGREGATE, "An attribute cannot be "
                            + "specified for an order clause for an aggregate Query. Use an alias: <order attribute='"
                            + o.attribute() + "'>.");
                }
                Integer at = aliases.get(o.alias());
                if (at == null) {
                    throw FetchErrors.bad(FetchErrors.INVALID_ALIAS, "Invalid alias for aggregate operation: <order "
                            + "alias='" + o.alias() + "'> names no <attribute alias>.");
                }
                orders.add(new FetchPlan.AliasOrder(at, o.descending()));
            }
        }
        return new FetchPlan(f, List.copyOf(nodes), rootFilter, List.of(), List.of(), false, aggregates, orders);
    }

    private FetchPlan.Aggregate aggregateColumn(PlanNode n, FetchModel.Attribute a, int position) {
        String where = "<attribute name='" + a.name() + "'" + (a.alias() == null ? "" : " alias='" + a.alias() + "'")
                + ">";
        if (a.alias() == null) {
            throw FetchErrors.bad(FetchErrors.INVALID_ALIAS, "Invalid alias for aggregate operation: " + where
                    + " needs an alias in an aggregate query.");
        }
        if (a.aggregate() != null && a.groupBy()) {
            throw FetchErrors.bad(FetchErrors.GROUPBY_AND_AGGREGATE, "An attribute can either be an aggregate or a "
                    + "Group By but not both: " + where + ".");
        }
        if (a.aggregate() == null && !a.groupBy()) {
            throw FetchErrors.bad(FetchErrors.ATTRIBUTE_WITH_AGGREGATE, "Attributes can not be returned when "
                    + "aggregate operation is specified: " + where + " neither aggregates nor groups.");
        }
        ColumnDef c = column(n, a.name());
        if (a.aggregate() != null) {
            if (!AGGREGATES.contains(a.aggregate())) {
                throw FetchErrors.bad(FetchErrors.INVALID_AGGREGATE, "An error occurred while processing Aggregates "
                        + "in Query: " + where + " has aggregate='" + a.aggregate() + "'; use count, countcolumn, "
                        + "sum, avg, min or max.");
            }
            boolean numeric = NUMBERS.contains(c.type());
            boolean ok = switch (a.aggregate()) {
                case "sum", "avg" -> numeric;
                case "min", "max" -> numeric || c.type() == ColumnType.DATETIME;
                default -> true;
            };
            if (!ok) {
                throw FetchErrors.bad(FetchErrors.INVALID_AGGREGATE_ATTRIBUTE, "Aggregate " + a.aggregate() + " is not "
                        + "supported for attribute of type " + c.type().attributeTypeCode().toLowerCase() + ": "
                        + where + ".");
            }
        }
        if (a.dateGrouping() != null) {
            if (!a.groupBy() || c.type() != ColumnType.DATETIME) {
                throw FetchErrors.bad(FetchErrors.INVALID_DATE_GROUPING, "An invalid value was specified for "
                        + "dategrouping: " + where + " groups by date only with groupby='true' on a date and time "
                        + "column.");
            }
            if (a.dateGrouping().startsWith("fiscal-")) {
                throw FetchErrors.bad(FetchErrors.INVALID_DATE_GROUPING, "An invalid value was specified for "
                        + "dategrouping: '" + a.dateGrouping() + "' of " + where + " needs the org's fiscal year "
                        + "settings, which the Sluice emulator does not have.");
            }
            if (!DATE_GROUPINGS.contains(a.dateGrouping())) {
                throw FetchErrors.bad(FetchErrors.INVALID_DATE_GROUPING, "An invalid value was specified for "
                        + "dategrouping: '" + a.dateGrouping() + "' of " + where + "; use day, week, month, quarter, "
                        + "year, fiscal-period or fiscal-year.");
            }
        }
        return new FetchPlan.Aggregate(a.alias(), n.index, n.table.indexOf(c.name()), c, a.aggregate(),
                a.dateGrouping(), a.distinct());
    }

    private FrameTest filters(List<FetchModel.Filter> filters, PlanNode n) {
        FrameTest all = null;
        for (FetchModel.Filter f : filters) {
            FrameTest t = filter(f, n);
            if (t == null) {
                continue;
            }
            FrameTest before = all;
            all = before == null ? t : fr -> before.test(fr) && t.test(fr);
        }
        return all;
    }

    private FrameTest filter(FetchModel.Filter f, PlanNode n) {
        List<FrameTest> parts = new ArrayList<>();
        for (Object item : f.items()) {
            FrameTest t = item instanceof FetchModel.Filter sub ? filter(sub, n)
                    : condition((FetchModel.Condition) item, n);
            if (t != null) {
                parts.add(t);
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        FrameTest[] p = parts.toArray(FrameTest[]::new);
        if (p.length == 1) {
            return p[0];
        }
        return f.or() ? fr -> {
            for (FrameTest t : p) {
                if (t.test(fr)) {
                    return true;
                }
            }
            return false;
        } : fr -> {
            for (FrameTest t : p) {
                if (!t.test(fr)) {
                    return false;
                }
            }
            return true;
        };
    }

    private FrameTest condition(FetchModel.Condition c, PlanNode n) {
        PlanNode on = c.entityName() == null ? n : alias(c.entityName(), "<condition entityname='" + c.entityName()
                + "' attribute='" + c.attribute() + "'>");
        ColumnDef col = column(on, c.attribute());
        int[] other = null;
        if (c.valueOf() != null) {
            ColumnDef o = column(on, c.valueOf());
            other = new int[] {on.index, on.table.indexOf(o.name())};
        }
        return Conditions.compile(c, on.index, on.table.indexOf(col.name()), col, other, clock, caller);
    }

    private PlanNode alias(String alias, String where) {
        PlanNode n = byAlias.get(alias);
        if (n == null) {
            throw FetchErrors.bad(FetchErrors.NO_ALIAS, "No alias for the given entity in the condition was found: "
                    + where + " names no <link-entity alias>.");
        }
        return n;
    }

    private ColumnDef column(PlanNode n, String name) {
        return column(n.table, name, null);
    }

    private static ColumnDef column(TableDef t, String name, String where) {
        ColumnDef c = t.column(name);
        if (c == null) {
            throw FetchErrors.bad(FetchErrors.NO_ATTRIBUTE, "'" + t.logicalName() + "' entity doesn't contain "
                    + "attribute with Name = '" + name + "' and NameMapping = 'Logical'."
                    + (where == null ? "" : " (" + where + ")"));
        }
        return c;
    }

    private static RuntimeException noEntity(String name) {
        return FetchErrors.bad(FetchErrors.NO_ENTITY, "The entity with a name = '" + name + "' with namemapping = "
                + "'Logical' was not found in the MetadataCache.");
    }
}
