package dev.sluice.flow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Where a target column's value comes from. Immutable. */
public sealed interface Mapping {
    /**
     * A CEL expression over the source columns; a bare column name ({@code name}) copies that column.
     * Written as a YAML string: {@code revenue_eur: "revenue * 0.92"}.
     */
    record Expression(String cel) implements Mapping {
        public Expression {
            Objects.requireNonNull(cel, "cel");
        }
    }

    /** A fixed value: a YAML number, true/false or null, or {@code {value: "text"}}. */
    record Constant(Object value) implements Mapping {}

    /**
     * A lookup bound by alternate key, without looking the id up: {@code {lookup: account, key: {accountnumber:
     * parent_number}}} becomes {@code @odata.bind} to {@code accounts(accountnumber='…')}.
     *
     * @param table the table the lookup points to
     * @param key alternate key column of that table → CEL expression over the source columns
     */
    record Lookup(String table, Map<String, String> key) implements Mapping {
        public Lookup {
            Objects.requireNonNull(table, "table");
            key = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(key));
        }
    }

    /** A choice set from its label: {@code {choice: industry_name}} gives the target column's value for that label. */
    record ChoiceValue(String cel) implements Mapping {
        public ChoiceValue {
            Objects.requireNonNull(cel, "cel");
        }
    }

    /** A choice column's label: {@code {label: industrycode}} gives the source column's label for its value. */
    record ChoiceLabel(String column) implements Mapping {
        public ChoiceLabel {
            Objects.requireNonNull(column, "column");
        }
    }
}
