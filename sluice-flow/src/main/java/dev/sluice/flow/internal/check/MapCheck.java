package dev.sluice.flow.internal.check;

import dev.sluice.core.ColumnSchema;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.core.WriteMode;
import dev.sluice.core.NearestName;
import dev.sluice.flow.ColumnMapping;
import dev.sluice.flow.Mapping;
import dev.sluice.flow.internal.ColumnRule;
import dev.sluice.flow.internal.Expression;
import dev.sluice.flow.internal.ExpressionCompiler;
import dev.sluice.flow.internal.ValueConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code map} section against the tables: each mapped column is a writable column of the target, and each
 * mapping compiles into the rule that fills it (constants converted, expressions typed to fit, choices and lookups
 * checked by {@link ChoiceCheck} and {@link LookupCheck}). Thread-safe.
 */
public final class MapCheck {
    private MapCheck() {}

    /** The rules of the mappings that are fine, in file order. */
    public static List<ColumnRule> check(FlowCheck c, ExpressionCompiler cel, Sides sides) {
        List<ColumnRule> rules = new ArrayList<>();
        if (c.def().mappings().isEmpty()) {
            c.add("map", "the flow maps no columns; add a 'map' section (target column: source column)", null);
        }
        TableSchema t = sides.targetTable();
        for (ColumnMapping m : c.def().mappings()) {
            String path = "map." + m.target();
            Optional<ColumnSchema> col = sides.targetColumn(m.target());
            if (col.isEmpty()) {
                c.add(path + "#key", "unknown column '" + m.target() + "' on table '" + t.name() + "'"
                        + FlowCheck.columnsOf(t), NearestName.of(m.target(), FlowCheck.names(t)));
                continue;
            }
            if (!col.get().writable() && c.def().target().write() != WriteMode.DELETE) {
                c.add(path + "#key", "column '" + m.target() + "' of '" + t.name() + "' cannot be written", null);
                continue;
            }
            ColumnRule rule = rule(c, cel, sides, m, col.get(), path);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private static ColumnRule rule(FlowCheck c, ExpressionCompiler cel, Sides sides, ColumnMapping m,
            ColumnSchema col, String path) {
        Mapping mapping = m.mapping();
        if (mapping instanceof Mapping.Constant k) {
            return constant(c, k, m, col, path);
        }
        if (mapping instanceof Mapping.Expression e) {
            Expression x = c.expression(cel, e.cel(), path);
            if (x == null || !TypeFit.check(c, x, col, path)) {
                return null;
            }
            return new ColumnRule(m.target(), col.name(), r -> ValueConverter.convert(x.evaluate(r), col));
        }
        if (mapping instanceof Mapping.ChoiceValue cv) {
            return ChoiceCheck.value(c, cel, cv, m, col, path);
        }
        if (mapping instanceof Mapping.ChoiceLabel cl) {
            return ChoiceCheck.label(c, sides.sourceTable(), cl, m, col, path);
        }
        return LookupCheck.check(c, cel, sides, (Mapping.Lookup) mapping, m, col, path);
    }

    /** A constant, converted once to the column's type. */
    private static ColumnRule constant(FlowCheck c, Mapping.Constant k, ColumnMapping m, ColumnSchema col,
            String path) {
        Object v;
        try {
            v = ValueConverter.convert(k.value(), col);
        } catch (SluiceException e) {
            c.add(path, e.getMessage(), null);
            return null;
        }
        return new ColumnRule(m.target(), col.name(), r -> v);
    }
}
