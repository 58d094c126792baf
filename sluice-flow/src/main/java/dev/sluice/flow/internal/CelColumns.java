package dev.sluice.flow.internal;

import dev.cel.common.ast.CelExpr;
import java.util.LinkedHashSet;
import java.util.Set;

/** The source columns a CEL expression reads: its variables, and {@code row["Name"]} lookups. Stateless. */
public final class CelColumns {
    private CelColumns() {}

    public static Set<String> of(CelExpr e) {
        Set<String> out = new LinkedHashSet<>();
        collect(e, out);
        return out;
    }

    /** The column a node names: {@code name} or {@code row["Name"]}; null for anything else. */
    public static String column(CelExpr e) {
        if (e.getKind() == CelExpr.ExprKind.Kind.IDENT && !e.ident().name().equals(CelValues.ROW)) {
            return e.ident().name();
        }
        if (e.getKind() == CelExpr.ExprKind.Kind.CALL && e.call().function().equals("_[_]")
                && e.call().args().size() == 2 && e.call().args().get(0).getKind() == CelExpr.ExprKind.Kind.IDENT
                && e.call().args().get(0).ident().name().equals(CelValues.ROW)
                && e.call().args().get(1).getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && e.call().args().get(1).constant().getKind() == dev.cel.common.ast.CelConstant.Kind.STRING_VALUE) {
            return e.call().args().get(1).constant().stringValue();
        }
        return null;
    }

    private static void collect(CelExpr e, Set<String> out) {
        String c = column(e);
        if (c != null) {
            out.add(c);
            return;
        }
        switch (e.getKind()) {
            case IDENT -> out.add(e.ident().name());
            case SELECT -> collect(e.select().operand(), out);
            case CALL -> {
                e.call().target().ifPresent(t -> collect(t, out));
                e.call().args().forEach(a -> collect(a, out));
            }
            case LIST -> e.list().elements().forEach(x -> collect(x, out));
            case MAP -> e.map().entries().forEach(x -> {
                collect(x.key(), out);
                collect(x.value(), out);
            });
            case STRUCT -> e.struct().entries().forEach(x -> collect(x.value(), out));
            case COMPREHENSION -> {
                collect(e.comprehension().iterRange(), out);
                collect(e.comprehension().accuInit(), out);
                Set<String> inner = new LinkedHashSet<>();
                collect(e.comprehension().loopCondition(), inner);
                collect(e.comprehension().loopStep(), inner);
                collect(e.comprehension().result(), inner);
                inner.remove(e.comprehension().iterVar());
                inner.remove(e.comprehension().accuVar());
                out.addAll(inner);
            }
            default -> {
                // constants read nothing
            }
        }
    }
}
