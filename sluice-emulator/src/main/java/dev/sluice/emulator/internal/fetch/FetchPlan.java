package dev.sluice.emulator.internal.fetch;

import com.fasterxml.jackson.core.io.SerializedString;
import dev.sluice.emulator.internal.schema.ColumnDef;
import java.util.List;

/**
 * A FetchXML query resolved against the org's tables, ready to run: the nodes of its joins, the entity's filter,
 * the columns it returns, its order, and for aggregate queries the groups and aggregates. Immutable after
 * {@link FetchCompiler} built it (the nodes keep a lazily built join index).
 *
 * @param fetch the query as written
 * @param nodes the entity (index 0) and its link-entities, depth first in document order
 * @param filter the entity's filters, over the whole joined row; null for none
 * @param columns the returned columns of a plain query, in the order written
 * @param orders the sort keys of a plain query (entity orders first, then link-entity orders)
 * @param cookies whether this query's pages carry paging cookies (see {@link FetchCompiler})
 * @param aggregates the aliased groups and aggregates of an aggregate query, in the order written
 * @param aggregateOrders the orders by alias of an aggregate query
 */
record FetchPlan(FetchModel.Fetch fetch, List<PlanNode> nodes, FrameTest filter, List<Column> columns,
        List<Sort> orders, boolean cookies, List<Aggregate> aggregates, List<AliasOrder> aggregateOrders) {

    PlanNode root() {
        return nodes.get(0);
    }

    /**
     * A returned column.
     *
     * @param node the node whose row holds it
     * @param column its position in that node's table
     * @param def the column
     * @param name the property name on the wire ({@code name}, {@code _x_value}, {@code alias_x002e_name}, or the
     *     attribute's alias)
     */
    record Column(int node, int column, ColumnDef def, SerializedString name, SerializedString formatted,
            SerializedString navigation, SerializedString logicalName) {
        static Column of(int node, int column, ColumnDef def, String name) {
            return new Column(node, column, def, new SerializedString(name),
                    new SerializedString(name + "@OData.Community.Display.V1.FormattedValue"),
                    new SerializedString(name + "@Microsoft.Dynamics.CRM.associatednavigationproperty"),
                    new SerializedString(name + "@Microsoft.Dynamics.CRM.lookuplogicalname"));
        }
    }

    /**
     * A sort key: choices sort by label (unless {@code useraworderby}), lookups by the target's primary name, other
     * columns by value (strings case-insensitively); nulls first ascending, as SQL Server.
     *
     * @param node the node whose row holds the column
     * @param column its position
     * @param def the column
     * @param descending descending order
     * @param byLabel whether a choice sorts by its label
     */
    record Sort(int node, int column, ColumnDef def, boolean descending, boolean byLabel) {}

    /**
     * A group or aggregate of an aggregate query.
     *
     * @param alias the name on the wire
     * @param node the node whose row holds the column
     * @param column its position
     * @param def the column
     * @param function count, countcolumn, sum, avg, min or max; null for a group
     * @param dateGrouping day, week, month, quarter or year for a date group; else null
     * @param distinct countcolumn of distinct values
     */
    record Aggregate(String alias, int node, int column, ColumnDef def, String function, String dateGrouping,
            boolean distinct) {
        boolean group() {
            return function == null;
        }
    }

    /** An order of an aggregate query: the position of the aliased group or aggregate. */
    record AliasOrder(int aggregate, boolean descending) {}
}
