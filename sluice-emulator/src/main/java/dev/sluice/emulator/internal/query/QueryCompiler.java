package dev.sluice.emulator.internal.query;

import dev.sluice.emulator.internal.odata.QueryFunction;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.KeyDef;
import dev.sluice.emulator.internal.schema.RelationshipDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.ArrayList;
import java.util.List;
import org.apache.olingo.server.api.uri.UriInfo;
import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourceKind;
import org.apache.olingo.server.api.uri.UriResourceNavigation;
import org.apache.olingo.server.api.uri.UriResourcePrimitiveProperty;
import org.apache.olingo.server.api.uri.queryoption.ExpandItem;
import org.apache.olingo.server.api.uri.queryoption.ExpandOption;
import org.apache.olingo.server.api.uri.queryoption.FilterOption;
import org.apache.olingo.server.api.uri.queryoption.OrderByItem;
import org.apache.olingo.server.api.uri.queryoption.OrderByOption;
import org.apache.olingo.server.api.uri.queryoption.SelectItem;
import org.apache.olingo.server.api.uri.queryoption.SelectOption;
import org.apache.olingo.server.api.uri.queryoption.expression.Alias;
import org.apache.olingo.server.api.uri.queryoption.expression.Member;

/**
 * Turns Olingo's parsed options into a {@link Query}: compiles {@code $filter} (top level and inside
 * {@code $expand}), resolves {@code $select} and {@code $orderby} to columns, and checks the
 * {@code $expand} rules Dataverse enforces (fact sheet §C.6). Not thread-safe: one per request.
 */
final class QueryCompiler {
    private final QueryScope scope;
    private final List<FunctionCall> calls;
    private final UriInfo uri;

    QueryCompiler(QueryScope scope, List<FunctionCall> calls, UriInfo uri) {
        this.scope = scope;
        this.calls = calls;
        this.uri = uri;
    }

    Query compile(TableDef table, UriInfo u, String skipToken, String deltaToken, List<String> given) {
        RowPredicate filter = filter(table, u.getFilterOption());
        List<SortKey> orderBy = orderBy(table, u.getOrderByOption());
        Integer top = u.getTopOption() == null ? null : u.getTopOption().getValue();
        boolean count = u.getCountOption() != null && u.getCountOption().getValue();
        Projection projection = projection(table, u.getSelectOption(), u.getExpandOption());
        return new Query(table, filter, orderBy, top, count, projection, skipToken, deltaToken, given,
                seek(table, u.getFilterOption()));
    }

    /**
     * A seek when the whole filter is one {@code In} on the primary id or on the only column of an
     * alternate key; else null.
     */
    private Seek seek(TableDef table, FilterOption option) {
        if (option == null || !(option.getExpression() instanceof Alias alias)) {
            return null;
        }
        String name = alias.getParameterName().startsWith("@") ? alias.getParameterName()
                : "@" + alias.getParameterName();
        if (!name.startsWith(FunctionRewriter.ALIAS_PREFIX)) {
            return null;
        }
        FunctionCall call = calls.get(Integer.parseInt(name.substring(FunctionRewriter.ALIAS_PREFIX.length())));
        if (call.function() != QueryFunction.IN) {
            return null;
        }
        ColumnDef col = table.column(call.propertyName());
        if (col == null) {
            col = table.columnByWireName(call.propertyName());
        }
        if (col == null) {
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (String v : call.values()) {
            values.add(v == null ? null : QueryFunctions.typed(col, v));
        }
        if (col.name().equals(table.primaryIdAttribute())) {
            return new Seek(null, values);
        }
        for (KeyDef k : table.keys()) {
            if (k.columns().equals(List.of(col.name()))) {
                return new Seek(k, values);
            }
        }
        return null;
    }

    private RowPredicate filter(TableDef table, FilterOption option) {
        if (option == null) {
            return null;
        }
        FilterCompiler c = new FilterCompiler(scope, table, calls, uri);
        Operand op = c.compile(option.getExpression());
        return new RowPredicate(op, c.frameSize());
    }

    private static List<SortKey> orderBy(TableDef table, OrderByOption option) {
        List<SortKey> keys = new ArrayList<>();
        if (option == null) {
            return keys;
        }
        for (OrderByItem item : option.getOrders()) {
            ColumnDef col = item.getExpression() instanceof Member m ? FilterCompiler.simpleColumn(table, m) : null;
            if (col == null) {
                throw QueryErrors.bad("$orderby supports only columns of the table queried ('" + table.logicalName()
                        + "'), not columns of related tables or expressions.");
            }
            keys.add(new SortKey(col, table.indexOf(col.name()), item.isDescending()));
        }
        return keys;
    }

    private Projection projection(TableDef table, SelectOption select, ExpandOption expand) {
        List<Expansion> expansions = expand == null ? List.of() : expansions(table, expand);
        if (select == null || select.getSelectItems().stream().anyMatch(SelectItem::isStar)) {
            return Projection.all(table, expansions);
        }
        List<Integer> cols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (SelectItem item : select.getSelectItems()) {
            List<UriResource> parts = item.getResourcePath().getUriResourceParts();
            if (parts.size() != 1 || !(parts.get(0) instanceof UriResourcePrimitiveProperty p)) {
                throw QueryErrors.unknownProperty(table, parts.isEmpty() ? "" : parts.get(0).getSegmentValue());
            }
            int idx = table.indexOfWire(p.getProperty().getName());
            if (!cols.contains(idx)) {
                cols.add(idx);
                names.add(p.getProperty().getName());
            }
        }
        if (!cols.contains(0)) {
            cols.add(0);
        }
        return new Projection(table, cols.stream().mapToInt(Integer::intValue).toArray(), names, expansions);
    }

    private List<Expansion> expansions(TableDef table, ExpandOption option) {
        List<Expansion> out = new ArrayList<>();
        for (ExpandItem item : option.getExpandItems()) {
            if (item.isStar()) {
                throw QueryErrors.bad("$expand=* is not supported; name the navigation properties to expand.");
            }
            List<UriResource> parts = item.getResourcePath().getUriResourceParts();
            boolean refSegment = parts.size() == 2 && parts.get(1).getKind() == UriResourceKind.ref;
            if ((parts.size() != 1 && !refSegment) || !(parts.get(0) instanceof UriResourceNavigation nav)) {
                throw QueryErrors.bad("$expand supports one navigation property per item, without type casts.");
            }
            String name = nav.getProperty().getName();
            boolean collection = nav.isCollection();
            RelationshipDef rel = collection
                    ? scope.store().schema().collectionNavigation(table.logicalName(), name)
                    : scope.store().schema().singleNavigation(table.logicalName(), name);
            if (rel == null) {
                throw QueryErrors.unknownProperty(table, name);
            }
            boolean ref = item.isRef() || refSegment;
            if (ref && collection) {
                throw QueryErrors.bad("Expand with $ref is only supported on lookup type navigation property.");
            }
            refuseInner(item);
            TableDef target = scope.table(collection ? rel.referencingTable() : rel.referencedTable());
            if (!collection && (item.getOrderByOption() != null || item.getTopOption() != null)) {
                throw QueryErrors.bad("Only $select and $filter clause can be provided while doing $expand on "
                        + "many-to-one relationship or nested one-to-many relationship.");
            }
            Projection inner = projection(target, item.getSelectOption(), item.getExpandOption());
            out.add(new Expansion(name, rel, collection, ref, inner, filter(target, item.getFilterOption()),
                    orderBy(target, item.getOrderByOption()),
                    item.getTopOption() == null ? null : item.getTopOption().getValue()));
        }
        return out;
    }

    private static void refuseInner(ExpandItem item) {
        if (item.getSkipOption() != null) {
            throw QueryErrors.unsupportedOption("$skip");
        }
        if (item.getCountOption() != null) {
            throw QueryErrors.unsupportedOption("$count");
        }
        if (item.getSearchOption() != null) {
            throw QueryErrors.unsupportedOption("$search");
        }
        if (item.getLevelsOption() != null) {
            throw QueryErrors.unsupportedOption("$levels");
        }
        if (item.getApplyOption() != null) {
            throw QueryErrors.unsupportedOption("$apply");
        }
    }
}
