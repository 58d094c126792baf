package dev.sluice.dataverse;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.core.Where;
import java.util.List;

/**
 * Translates the provider-neutral {@link Where} model into a {@link Filter}: column names checked
 * against the table's metadata and written as wire names ({@code _x_value} for lookups), values typed
 * by column and escaped by the filter builder. Never produces raw OData text from input. Stateless.
 */
final class WhereTranslator {
    private WhereTranslator() {}

    static Filter filter(Where where, TableMetadata table) {
        if (where instanceof Where.Compare c) {
            return compare(c, table);
        }
        if (where instanceof Where.IsNull n) {
            String name = column(n.column(), table).wireName();
            return n.negated() ? Filter.ne(name, null) : Filter.isNull(name);
        }
        if (where instanceof Where.In in) {
            return in(in, table, false);
        }
        if (where instanceof Where.And and) {
            return Filter.and(parts(and.parts(), table));
        }
        if (where instanceof Where.Or or) {
            return Filter.or(parts(or.parts(), table));
        }
        Where.Not not = (Where.Not) where;
        // Dataverse: 'not' cannot wrap a query function such as In (fact sheet §C.3); NotIn negates it
        return not.part() instanceof Where.In in ? in(in, table, true) : Filter.not(filter(not.part(), table));
    }

    private static Filter in(Where.In in, TableMetadata table, boolean negated) {
        ColumnMetadata c = column(in.column(), table);
        if (in.values().isEmpty()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "column '" + in.column() + "': 'in' needs at least one "
                    + "value");
        }
        List<Object> values = in.values().stream().map(v -> RecordValues.literal(c, v)).toList();
        return negated ? Filter.notIn(c.wireName(), values) : Filter.in(c.wireName(), values);
    }

    private static Filter[] parts(List<Where> parts, TableMetadata table) {
        if (parts.isEmpty()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "an and/or condition needs at least one part");
        }
        return parts.stream().map(p -> filter(p, table)).toArray(Filter[]::new);
    }

    private static Filter compare(Where.Compare c, TableMetadata table) {
        ColumnMetadata col = column(c.column(), table);
        String name = col.wireName();
        Object v = RecordValues.literal(col, c.value());
        return switch (c.op()) {
            case EQ -> Filter.eq(name, v);
            case NE -> Filter.ne(name, v);
            case GT -> Filter.gt(name, v);
            case GE -> Filter.ge(name, v);
            case LT -> Filter.lt(name, v);
            case LE -> Filter.le(name, v);
            case CONTAINS -> Filter.contains(name, text(c));
            case STARTS_WITH -> Filter.startsWith(name, text(c));
            case ENDS_WITH -> Filter.endsWith(name, text(c));
        };
    }

    private static String text(Where.Compare c) {
        if (!(c.value() instanceof String s)) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "column '" + c.column() + "': "
                    + c.op().name().toLowerCase() + " needs a text value");
        }
        return s;
    }

    static ColumnMetadata column(String name, TableMetadata table) {
        return table.requireColumn(name);
    }
}
