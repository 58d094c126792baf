package dev.sluice.dataverse;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@code $filter} condition built from typed parts; values are escaped by {@link ODataLiteral}, so
 * no input can change the query's shape. Immutable.
 *
 * <pre>
 * Filter.and(Filter.eq("statecode", 0), Filter.startsWith("name", "Contoso"))
 * </pre>
 */
public sealed interface Filter {
    /** The OData text, e.g. {@code (statecode eq 0 and startswith(name,'Contoso'))}. */
    String toOData();

    static Filter eq(String column, Object value) {
        return new Compare(column, "eq", value);
    }

    static Filter ne(String column, Object value) {
        return new Compare(column, "ne", value);
    }

    static Filter gt(String column, Object value) {
        return new Compare(column, "gt", value);
    }

    static Filter ge(String column, Object value) {
        return new Compare(column, "ge", value);
    }

    static Filter lt(String column, Object value) {
        return new Compare(column, "lt", value);
    }

    static Filter le(String column, Object value) {
        return new Compare(column, "le", value);
    }

    static Filter isNull(String column) {
        return new Compare(column, "eq", null);
    }

    static Filter contains(String column, String text) {
        return new Call("contains", column, text);
    }

    static Filter startsWith(String column, String text) {
        return new Call("startswith", column, text);
    }

    static Filter endsWith(String column, String text) {
        return new Call("endswith", column, text);
    }

    /** {@code Microsoft.Dynamics.CRM.In(PropertyName='col',PropertyValues=['a','b'])}. */
    static Filter in(String column, List<?> values) {
        return new In(column, List.copyOf(values), false);
    }

    static Filter notIn(String column, List<?> values) {
        return new In(column, List.copyOf(values), true);
    }

    static Filter and(Filter... parts) {
        return new Junction("and", List.of(parts));
    }

    static Filter or(Filter... parts) {
        return new Junction("or", List.of(parts));
    }

    static Filter not(Filter part) {
        return new Not(part);
    }

    /** {@code column op value}. */
    record Compare(String column, String op, Object value) implements Filter {
        public Compare {
            ODataLiteral.name(column);
        }

        @Override
        public String toOData() {
            return column + " " + op + " " + ODataLiteral.of(value);
        }
    }

    /** {@code fn(column,'text')}. */
    record Call(String function, String column, String text) implements Filter {
        public Call {
            ODataLiteral.name(column);
        }

        @Override
        public String toOData() {
            return function + "(" + column + "," + ODataLiteral.of(text) + ")";
        }
    }

    /** Dataverse's In / NotIn query functions. */
    record In(String column, List<?> values, boolean negated) implements Filter {
        public In {
            ODataLiteral.name(column);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("In needs at least one value");
            }
        }

        @Override
        public String toOData() {
            String list = values.stream().map(v -> "\"" + String.valueOf(v).replace("\\", "\\\\")
                    .replace("\"", "\\\"") + "\"").collect(Collectors.joining(","));
            return "Microsoft.Dynamics.CRM." + (negated ? "NotIn" : "In") + "(PropertyName="
                    + ODataLiteral.of(column) + ",PropertyValues=[" + list + "])";
        }
    }

    /** {@code (a and b)} / {@code (a or b)}. */
    record Junction(String op, List<Filter> parts) implements Filter {
        public Junction {
            if (parts.isEmpty()) {
                throw new IllegalArgumentException(op + " needs at least one condition");
            }
            parts = List.copyOf(parts);
        }

        @Override
        public String toOData() {
            return parts.size() == 1 ? parts.get(0).toOData()
                    : parts.stream().map(Filter::toOData).collect(Collectors.joining(" " + op + " ", "(", ")"));
        }
    }

    /** {@code not (a)}. */
    record Not(Filter part) implements Filter {
        @Override
        public String toOData() {
            return "not (" + part.toOData() + ")";
        }
    }
}
