package dev.sluice.businesscentral.internal;

import dev.sluice.businesscentral.EntityQuery;
import dev.sluice.businesscentral.StandardEntities;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.NearestName;
import dev.sluice.core.SluiceException;
import dev.sluice.core.Where;
import java.util.List;
import java.util.stream.Collectors;

/** Translates the provider-neutral {@link Where} into an OData {@code $filter}, values escaped. Stateless. */
public final class FilterText {
    private FilterText() {}

    public static String of(Where where, StandardEntities.Definition def) {
        if (where instanceof Where.Compare c) {
            ColumnSchema col = column(def, c.column());
            String v = EntityQuery.literal(Values.write(def.name(), col, c.value()));
            return switch (c.op()) {
                case EQ -> col.name() + " eq " + v;
                case NE -> col.name() + " ne " + v;
                case GT -> col.name() + " gt " + v;
                case GE -> col.name() + " ge " + v;
                case LT -> col.name() + " lt " + v;
                case LE -> col.name() + " le " + v;
                case CONTAINS -> "contains(" + col.name() + "," + v + ")";
                case STARTS_WITH -> "startswith(" + col.name() + "," + v + ")";
                case ENDS_WITH -> "endswith(" + col.name() + "," + v + ")";
            };
        }
        if (where instanceof Where.IsNull n) {
            return column(def, n.column()).name() + (n.negated() ? " ne null" : " eq null");
        }
        if (where instanceof Where.In in) {
            if (in.values().isEmpty()) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "column '" + in.column() + "': 'in' needs at "
                        + "least one value");
            }
            ColumnSchema col = column(def, in.column());
            return "(" + in.values().stream().map(v -> col.name() + " eq "
                    + EntityQuery.literal(Values.write(def.name(), col, v))).collect(Collectors.joining(" or ")) + ")";
        }
        if (where instanceof Where.And and) {
            return join(and.parts(), " and ", def);
        }
        if (where instanceof Where.Or or) {
            return join(or.parts(), " or ", def);
        }
        return "not (" + of(((Where.Not) where).part(), def) + ")";
    }

    private static String join(List<Where> parts, String op, StandardEntities.Definition def) {
        if (parts.isEmpty()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "an and/or condition needs at least one part");
        }
        return parts.stream().map(p -> "(" + of(p, def) + ")").collect(Collectors.joining(op));
    }

    public static ColumnSchema column(StandardEntities.Definition def, String name) {
        return def.column(name).orElseThrow(() -> new SluiceException(ErrorKind.INVALID_INPUT, "unknown column '"
                + name + "' on " + def.name() + didYouMean(name, def.columns().stream().map(ColumnSchema::name)
                .toList())));
    }

    /** {@code " (did you mean 'x'?)"} or nothing. */
    public static String didYouMean(String wrong, List<String> names) {
        String near = NearestName.of(wrong, names);
        return near == null ? "" : " (did you mean '" + near + "'?)";
    }
}
