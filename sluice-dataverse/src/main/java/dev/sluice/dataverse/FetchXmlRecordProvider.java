package dev.sluice.dataverse;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.RecordProvider;
import dev.sluice.core.SearchRequest;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.core.Where;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A FetchXML query as a read-only record provider with one table (named by the caller, usually the queried entity):
 * its columns are the query's result columns (a link-entity's as {@code alias.column}, aggregates by alias), typed by
 * the tables' metadata; its primary key is the entity's primary key plus, for each link that may match several rows,
 * that link's primary key (added to the query when it does not return it). {@link #search} adds the request's
 * condition to the query (and-ed) and replaces its order with the request's, so flows read it by watermark in
 * constant memory. Thread-safe.
 */
public final class FetchXmlRecordProvider implements RecordProvider {
    private final DataverseClient client;
    private final String name;
    private final FetchXml query;
    private final List<FetchXml.Column> columns;
    private final Map<String, FetchXml.Column> byName = new LinkedHashMap<>();

    /** A provider of {@code fetchXml}'s rows under the table name {@code name}. */
    public FetchXmlRecordProvider(DataverseClient client, String name, String fetchXml) {
        this.client = client;
        this.name = name;
        this.query = FetchXml.parse(fetchXml).withLinkKeys(client::metadata);
        this.columns = query.resultColumns(client::metadata);
        columns.forEach(c -> byName.put(c.name(), c));
    }

    @Override
    public List<String> tables() {
        return List.of(name);
    }

    @Override
    public TableSchema describe(String table) {
        requireTable(table);
        List<ColumnSchema> out = new ArrayList<>();
        for (FetchXml.Column c : columns) {
            ColumnMetadata m = c.column();
            ColumnKind kind = c.aggregate() != null && c.aggregate().startsWith("count") || c.dateGrouping() != null
                    ? ColumnKind.INTEGER : RecordValues.kind(m.type());
            out.add(new ColumnSchema(c.name(), kind, false, false,
                    kind == ColumnKind.CHOICE ? m.options() : Map.of(), kind == ColumnKind.LOOKUP ? m.targets()
                            : List.of()));
        }
        List<String> key = new ArrayList<>();
        if (!query.aggregate() && !query.distinct()) {
            TableMetadata root = client.metadata(query.entity());
            key.add(root.primaryIdAttribute());
            for (FetchXml.Column c : columns) {
                if (c.alias() != null && c.column().logicalName().equals(client.metadata(c.table()).primaryIdAttribute())
                        && c.name().equals(c.alias() + "." + c.column().logicalName())) {
                    key.add(c.name());
                }
            }
        }
        return new TableSchema(name, out, key, List.of());
    }

    @Override
    public Stream<Map<String, Object>> search(SearchRequest request) {
        requireTable(request.table());
        if (request.limit() != null && request.limit() == 0) {
            return Stream.empty();
        }
        FetchXml q = query;
        if (request.where() != null) {
            q = q.and(condition(request.where()));
        }
        if (!request.orderBy().isEmpty()) {
            List<String> orders = new ArrayList<>();
            for (String o : request.orderBy()) {
                boolean desc = o.startsWith("-");
                orders.add((desc ? "-" : "") + attributePath(desc ? o.substring(1) : o));
            }
            q = q.orderedBy(orders);
        }
        Stream<Map<String, Object>> rows = client.fetchXml(q.text()).stream().map(this::record);
        if (!request.select().isEmpty()) {
            rows = rows.map(r -> {
                Map<String, Object> s = new LinkedHashMap<>();
                request.select().forEach(c -> s.put(c, r.get(c)));
                return s;
            });
        }
        return request.limit() == null ? rows : rows.limit(request.limit());
    }

    @Override
    public List<WriteOutcome> write(String table, WriteMode mode, List<String> key, List<Map<String, Object>> records) {
        throw new SluiceException(ErrorKind.INVALID_INPUT, "'" + name + "' is a FetchXML query: it can be read, not "
                + "written");
    }

    private Map<String, Object> record(Row row) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FetchXml.Column c : columns) {
            Object v = row.get(c.name());
            boolean counted = c.aggregate() != null && c.aggregate().startsWith("count") || c.dateGrouping() != null;
            out.put(c.name(), v == null ? null : counted ? (Object) ((Number) v).longValue()
                    : RecordValues.read(c.column(), v));
        }
        return out;
    }

    /** The query's path to a result column: {@code name} on the entity, {@code alias.name} on a link. */
    private String attributePath(String column) {
        FetchXml.Column c = byName.get(column);
        if (c == null || c.aggregate() != null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "'" + column + "' is not a column of the FetchXML query "
                    + "'" + name + "'; its columns are " + byName.keySet());
        }
        return c.alias() == null ? c.column().logicalName() : c.alias() + "." + c.column().logicalName();
    }

    private Object condition(Where where) {
        if (where instanceof Where.Compare c) {
            String path = attributePath(c.column());
            Object v = c.value();
            return switch (c.op()) {
                case EQ -> FetchCondition.eq(path, v);
                case NE -> FetchCondition.ne(path, v);
                case GT -> FetchCondition.gt(path, v);
                case GE -> FetchCondition.ge(path, v);
                case LT -> FetchCondition.lt(path, v);
                case LE -> FetchCondition.le(path, v);
                case CONTAINS -> FetchCondition.like(path, "%" + likeLiteral(v) + "%");
                case STARTS_WITH -> FetchCondition.like(path, likeLiteral(v) + "%");
                case ENDS_WITH -> FetchCondition.like(path, "%" + likeLiteral(v));
            };
        }
        if (where instanceof Where.IsNull n) {
            String path = attributePath(n.column());
            return n.negated() ? FetchCondition.notNull(path) : FetchCondition.isNull(path);
        }
        if (where instanceof Where.In in) {
            return FetchCondition.in(attributePath(in.column()), in.values().toArray());
        }
        if (where instanceof Where.Not not && not.part() instanceof Where.In in) {
            return FetchCondition.notIn(attributePath(in.column()), in.values().toArray());
        }
        if (where instanceof Where.And and) {
            return FetchFilter.and(and.parts().stream().map(this::condition).toArray());
        }
        if (where instanceof Where.Or or) {
            return FetchFilter.or(or.parts().stream().map(this::condition).toArray());
        }
        throw new SluiceException(ErrorKind.INVALID_INPUT, "a condition on a FetchXML query cannot be negated; "
                + "write the opposite comparison");
    }

    /** Text for a LIKE pattern with its wildcards taken literally (SQL Server: [%], [_], [[]). */
    private static String likeLiteral(Object v) {
        return FetchCondition.text(v).replace("[", "[[]").replace("%", "[%]").replace("_", "[_]");
    }

    private void requireTable(String table) {
        if (!name.equals(table)) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "the FetchXML source is '" + name + "', not '" + table + "'");
        }
    }
}
