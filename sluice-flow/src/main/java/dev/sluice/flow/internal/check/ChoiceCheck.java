package dev.sluice.flow.internal.check;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.NearestName;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.flow.ColumnMapping;
import dev.sluice.flow.Mapping;
import dev.sluice.flow.internal.ColumnRule;
import dev.sluice.flow.internal.Expression;
import dev.sluice.flow.internal.ExpressionCompiler;
import dev.sluice.flow.internal.ValueConverter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Choice mappings: {@code {choice: CEL}} turns a label into the target's choice value, {@code {label: COLUMN}} a
 * source choice value into its label. Thread-safe.
 */
final class ChoiceCheck {
    private ChoiceCheck() {}

    /** {@code {choice: CEL}}: the target is a choice column and the expression compiles. */
    static ColumnRule value(FlowCheck c, ExpressionCompiler cel, Mapping.ChoiceValue cv, ColumnMapping m,
            ColumnSchema col, String path) {
        if (col.kind() != ColumnKind.CHOICE || col.choices().isEmpty()) {
            c.add(path, "map '" + m.target() + "': {choice: …} needs a choice column, but '" + col.name()
                    + "' is " + col.kind().name().toLowerCase(Locale.ROOT), null);
            return null;
        }
        Expression x = c.expression(cel, cv.cel(), path + ".choice");
        if (x == null) {
            return null;
        }
        return new ColumnRule(m.target(), col.name(), r -> choiceValue(x.evaluate(r), col));
    }

    /** {@code {label: COLUMN}}: the source column exists and has choice labels. */
    static ColumnRule label(FlowCheck c, TableSchema s, Mapping.ChoiceLabel cl, ColumnMapping m, ColumnSchema col,
            String path) {
        Optional<ColumnSchema> sc = s.column(cl.column());
        if (sc.isEmpty()) {
            c.add(path + ".label", "unknown column '" + cl.column() + "' on table '" + s.name() + "'",
                    NearestName.of(cl.column(), FlowCheck.names(s)));
            return null;
        }
        if (sc.get().choices().isEmpty()) {
            c.add(path + ".label", "map '" + m.target() + "': column '" + cl.column() + "' of '" + s.name()
                    + "' has no choice labels", null);
            return null;
        }
        Map<Integer, String> labels = sc.get().choices();
        return new ColumnRule(m.target(), col.name(), r -> {
            Object v = r.get(cl.column());
            if (v == null) {
                return null;
            }
            int n = v instanceof Boolean b ? (b ? 1 : 0) : ((Number) ValueConverter.convert(v, sc.get())).intValue();
            String label = labels.get(n);
            if (label == null) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "column '" + cl.column() + "': " + n
                        + " has no label");
            }
            return ValueConverter.convert(label, col);
        });
    }

    /** The choice value of a label (or of a number written as text); fails the record when there is none. */
    private static Object choiceValue(Object label, ColumnSchema c) {
        if (label == null) {
            return null;
        }
        String text = label.toString().strip();
        for (Map.Entry<Integer, String> e : c.choices().entrySet()) {
            if (e.getValue().equalsIgnoreCase(text)) {
                return e.getKey();
            }
        }
        if (text.matches("-?\\d+") && c.choices().containsKey(Integer.parseInt(text))) {
            return Integer.parseInt(text);
        }
        String near = NearestName.of(text, c.choices().values());
        throw new SluiceException(ErrorKind.INVALID_INPUT, "'" + text + "' is not a label of column '" + c.name()
                + "'" + (near == null ? "; its labels are " + new TreeMap<>(c.choices()).values()
                        : " (did you mean '" + near + "'?)"));
    }
}
