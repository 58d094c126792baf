package dev.sluice.core;

import java.util.List;

/**
 * A provider-neutral condition for {@link RecordProvider#search}: each provider translates it into its
 * own query language (OData, SQL, an in-memory test), with values bound, never spliced. Immutable.
 */
public sealed interface Where {
    /** Comparison operators. */
    enum Op { EQ, NE, GT, GE, LT, LE, CONTAINS, STARTS_WITH, ENDS_WITH }

    record Compare(String column, Op op, Object value) implements Where {}

    record IsNull(String column, boolean negated) implements Where {}

    record In(String column, List<?> values) implements Where {
        public In {
            values = List.copyOf(values);
        }
    }

    record And(List<Where> parts) implements Where {
        public And {
            parts = List.copyOf(parts);
        }
    }

    record Or(List<Where> parts) implements Where {
        public Or {
            parts = List.copyOf(parts);
        }
    }

    record Not(Where part) implements Where {}

    static Where eq(String column, Object value) {
        return new Compare(column, Op.EQ, value);
    }

    static Where and(Where... parts) {
        return new And(List.of(parts));
    }

    static Where or(Where... parts) {
        return new Or(List.of(parts));
    }
}
