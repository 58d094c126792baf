package dev.sluice.flow.internal;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.parser.CelUnparser;
import dev.cel.parser.CelUnparserFactory;
import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.TableSchema;
import dev.sluice.core.Where;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Splits a flow's CEL {@code where} into what the source can evaluate and what is checked in memory. The top-level
 * {@code &&} parts are translated one by one into the provider-neutral {@link Where}: comparisons of a column with a
 * constant ({@code == != < <= > >=}, {@code in [..]}, {@code == null}), {@code startsWith}, {@code endsWith},
 * {@code contains}, {@code !}, {@code ||} and {@code &&} of such parts. A part that translates exactly is only
 * pushed; one whose translation may match more rows (Dataverse compares text ignoring case) is pushed and checked
 * again in memory; one that does not translate (functions, arithmetic, two columns) stays in memory. A pushed
 * comparison leaves out rows whose column is null where CEL would fail on them. Stateless.
 */
public final class WherePushDown {
    /** What the source understands. */
    public enum Dialect {
        /** SQL on PostgreSQL or H2: text compares exactly, LIKE patterns are escaped. */
        SQL,
        /** Dataverse {@code $filter}: text compares ignoring case, wildcards in string functions are not escaped. */
        DATAVERSE
    }

    private static final CelUnparser UNPARSER = CelUnparserFactory.newUnparser();

    private final TableSchema table;
    private final Dialect dialect;

    private WherePushDown(TableSchema table, Dialect dialect) {
        this.table = table;
        this.dialect = dialect;
    }

    /** A condition and whether it matches exactly the records CEL accepts (else a superset of them). */
    private record Part(Where where, boolean exact) {}

    /** The plan for {@code where} on a source of this dialect; {@code compiler} compiles the in-memory rest. */
    public static WherePlan plan(Expression where, TableSchema table, Dialect dialect, ExpressionCompiler compiler) {
        if (where == null) {
            return WherePlan.NONE;
        }
        if (where.ast() == null) {
            // a bare column name: a boolean column tested for true
            Part p = new WherePushDown(table, dialect).boolColumn(where.copiedColumn(), true);
            return p == null ? WherePlan.inMemory(where, null)
                    : new WherePlan(p.where(), null, where.text().strip(), null, null);
        }
        CelAbstractSyntaxTree ast = where.ast();
        WherePushDown t = new WherePushDown(table, dialect);
        List<CelExpr> conjuncts = new ArrayList<>();
        flatten(ast.getExpr(), "_&&_", conjuncts);
        List<Where> pushed = new ArrayList<>();
        List<String> pushedText = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (CelExpr c : conjuncts) {
            Part p = t.translate(c);
            String text = unparse(ast, c);
            if (p != null) {
                pushed.add(p.where());
                pushedText.add(text);
            }
            if (p == null || !p.exact()) {
                rest.add(text);
            }
        }
        if (pushed.isEmpty()) {
            return WherePlan.inMemory(where, null);
        }
        Where w = pushed.size() == 1 ? pushed.get(0) : new Where.And(pushed);
        Expression inMemory = null;
        if (!rest.isEmpty()) {
            Object compiled = compiler.compile(String.join(" && ", rest));
            inMemory = compiled instanceof Expression x ? x : where;
        }
        String why = rest.isEmpty() || dialect != Dialect.DATAVERSE || pushedText.stream().noneMatch(rest::contains)
                ? null : "Dataverse compares text ignoring case, so text conditions are checked again";
        return new WherePlan(w, inMemory, String.join(" && ", pushedText), rest.isEmpty() ? null
                : String.join(" && ", rest), why);
    }

    private static String unparse(CelAbstractSyntaxTree ast, CelExpr e) {
        return UNPARSER.unparse(CelAbstractSyntaxTree.newParsedAst(e, ast.getSource()));
    }

    private static void flatten(CelExpr e, String op, List<CelExpr> out) {
        if (e.getKind() == CelExpr.ExprKind.Kind.CALL && e.call().function().equals(op) && e.call().target().isEmpty()) {
            e.call().args().forEach(a -> flatten(a, op, out));
        } else {
            out.add(e);
        }
    }

    private Part translate(CelExpr e) {
        String column = CelColumns.column(e);
        if (column != null) {
            return boolColumn(column, true);
        }
        if (e.getKind() != CelExpr.ExprKind.Kind.CALL) {
            return null;
        }
        CelExpr.CelCall call = e.call();
        List<CelExpr> args = call.args();
        return switch (call.function()) {
            case "_&&_" -> and(e);
            case "_||_" -> or(e);
            case "!_" -> not(args.get(0));
            case "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_" -> compare(call.function(), args.get(0), args.get(1));
            case "@in" -> in(args.get(0), args.get(1));
            case "startsWith", "endsWith", "contains" -> call.target().isEmpty() ? null
                    : text(call.function(), call.target().get(), args.get(0));
            default -> null;
        };
    }

    /** A superset of A && B is the && of whatever parts translate. */
    private Part and(CelExpr e) {
        List<CelExpr> parts = new ArrayList<>();
        flatten(e, "_&&_", parts);
        List<Where> out = new ArrayList<>();
        boolean exact = true;
        for (CelExpr p : parts) {
            Part t = translate(p);
            if (t == null) {
                exact = false;
            } else {
                out.add(t.where());
                exact &= t.exact();
            }
        }
        return out.isEmpty() ? null : new Part(out.size() == 1 ? out.get(0) : new Where.And(out), exact);
    }

    /** A || B translates only when every part does. */
    private Part or(CelExpr e) {
        List<CelExpr> parts = new ArrayList<>();
        flatten(e, "_||_", parts);
        List<Where> out = new ArrayList<>();
        boolean exact = true;
        for (CelExpr p : parts) {
            Part t = translate(p);
            if (t == null) {
                return null;
            }
            out.add(t.where());
            exact &= t.exact();
        }
        return new Part(new Where.Or(out), exact);
    }

    /** Only negations whose meaning survives SQL's and OData's null handling. */
    private Part not(CelExpr inner) {
        String column = CelColumns.column(inner);
        if (column != null) {
            return boolColumn(column, false);
        }
        if (inner.getKind() != CelExpr.ExprKind.Kind.CALL) {
            return null;
        }
        CelExpr.CelCall call = inner.call();
        return switch (call.function()) {
            case "_==_" -> compare("_!=_", call.args().get(0), call.args().get(1));
            case "_!=_" -> compare("_==_", call.args().get(0), call.args().get(1));
            case "_<_" -> compare("_>=_", call.args().get(0), call.args().get(1));
            case "_<=_" -> compare("_>_", call.args().get(0), call.args().get(1));
            case "_>_" -> compare("_<=_", call.args().get(0), call.args().get(1));
            case "_>=_" -> compare("_<_", call.args().get(0), call.args().get(1));
            case "@in" -> {
                Part p = in(call.args().get(0), call.args().get(1));
                String col = CelColumns.column(call.args().get(0));
                yield p == null || !p.exact() ? null
                        : new Part(new Where.Or(List.of(new Where.Not(p.where()), new Where.IsNull(col, false))), true);
            }
            default -> null;
        };
    }

    private Part boolColumn(String column, boolean value) {
        ColumnSchema c = table.column(column).orElse(null);
        return c == null || c.kind() != ColumnKind.BOOLEAN ? null : new Part(Where.eq(column, value), true);
    }

    private Part compare(String op, CelExpr left, CelExpr right) {
        String column = CelColumns.column(left);
        CelExpr constant = right;
        if (column == null) {
            column = CelColumns.column(right);
            constant = left;
            op = flip(op);
        }
        ColumnSchema c = column == null ? null : table.column(column).orElse(null);
        if (c == null) {
            return null;
        }
        if (isNull(constant)) {
            return switch (op) {
                case "_==_" -> new Part(new Where.IsNull(column, false), true);
                case "_!=_" -> new Part(new Where.IsNull(column, true), true);
                default -> null;
            };
        }
        Object v = value(constant, c);
        if (v == null) {
            return null;
        }
        boolean text = isText(c);
        boolean exact = !text || dialect == Dialect.SQL && c.kind() == ColumnKind.STRING;
        return switch (op) {
            case "_==_" -> new Part(new Where.Compare(column, Where.Op.EQ, v), exact);
            case "_!=_" -> exact
                    ? new Part(Where.or(new Where.Compare(column, Where.Op.NE, v), new Where.IsNull(column, false)), true)
                    : null;
            default -> text ? null : new Part(new Where.Compare(column, switch (op) {
                case "_<_" -> Where.Op.LT;
                case "_<=_" -> Where.Op.LE;
                case "_>_" -> Where.Op.GT;
                default -> Where.Op.GE;
            }, v), true);
        };
    }

    private Part in(CelExpr left, CelExpr list) {
        String column = CelColumns.column(left);
        ColumnSchema c = column == null ? null : table.column(column).orElse(null);
        if (c == null || list.getKind() != CelExpr.ExprKind.Kind.LIST || list.list().elements().isEmpty()) {
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (CelExpr x : list.list().elements()) {
            Object v = isNull(x) ? null : value(x, c);
            if (v == null) {
                return null;
            }
            values.add(v);
        }
        boolean exact = !isText(c) || dialect == Dialect.SQL && c.kind() == ColumnKind.STRING;
        return new Part(new Where.In(column, values), exact);
    }

    private Part text(String function, CelExpr target, CelExpr arg) {
        String column = CelColumns.column(target);
        ColumnSchema c = column == null ? null : table.column(column).orElse(null);
        if (c == null || c.kind() != ColumnKind.STRING || arg.getKind() != CelExpr.ExprKind.Kind.CONSTANT
                || arg.constant().getKind() != CelConstant.Kind.STRING_VALUE) {
            return null;
        }
        String s = arg.constant().stringValue();
        if (dialect == Dialect.DATAVERSE && (s.contains("%") || s.contains("_") || s.contains("[") || s.isEmpty())) {
            return null; // Dataverse reads these as wildcards inside string functions
        }
        Where.Op op = switch (function) {
            case "startsWith" -> Where.Op.STARTS_WITH;
            case "endsWith" -> Where.Op.ENDS_WITH;
            default -> Where.Op.CONTAINS;
        };
        return new Part(new Where.Compare(column, op, s), dialect == Dialect.SQL);
    }

    private static boolean isText(ColumnSchema c) {
        return c.kind() == ColumnKind.STRING || c.kind() == ColumnKind.GUID || c.kind() == ColumnKind.LOOKUP;
    }

    private static String flip(String op) {
        return switch (op) {
            case "_<_" -> "_>_";
            case "_<=_" -> "_>=_";
            case "_>_" -> "_<_";
            case "_>=_" -> "_<=_";
            default -> op;
        };
    }

    private static boolean isNull(CelExpr e) {
        return e.getKind() == CelExpr.ExprKind.Kind.CONSTANT && e.constant().getKind() == CelConstant.Kind.NULL_VALUE;
    }

    /** The constant as a value of the column's kind, or null when it is not a constant of a fitting type. */
    private static Object value(CelExpr e, ColumnSchema c) {
        Object v = constant(e);
        if (v == null) {
            return null;
        }
        return switch (c.kind()) {
            case STRING -> v instanceof String ? v : null;
            case GUID, LOOKUP -> v instanceof String s && uuid(s) ? s : null;
            case INTEGER, CHOICE -> v instanceof Long ? v
                    : v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) d.longValue() : null;
            case DECIMAL, DOUBLE -> v instanceof Long n ? BigDecimal.valueOf(n)
                    : v instanceof Double d && !d.isInfinite() && !d.isNaN() ? BigDecimal.valueOf(d) : null;
            case BOOLEAN -> v instanceof Boolean ? v : null;
            case DATETIME -> v instanceof Instant ? v : null;
            case OTHER -> null;
        };
    }

    /** Long, Double, String, Boolean, or Instant for {@code timestamp('…')}; null for anything else. */
    private static Object constant(CelExpr e) {
        if (e.getKind() == CelExpr.ExprKind.Kind.CALL && e.call().target().isEmpty() && e.call().args().size() == 1) {
            CelExpr a = e.call().args().get(0);
            if (e.call().function().equals("timestamp") && a.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                    && a.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
                try {
                    return OffsetDateTime.parse(a.constant().stringValue()).toInstant();
                } catch (DateTimeParseException ex) {
                    return null;
                }
            }
            if (e.call().function().equals("-_")) {
                Object n = constant(a);
                return n instanceof Long l ? (Object) (-l) : n instanceof Double d ? (Object) (-d) : null;
            }
            return null;
        }
        if (e.getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
            return null;
        }
        CelConstant k = e.constant();
        return switch (k.getKind()) {
            case INT64_VALUE -> k.int64Value();
            case UINT64_VALUE -> k.uint64Value().longValue();
            case DOUBLE_VALUE -> k.doubleValue();
            case STRING_VALUE -> k.stringValue();
            case BOOLEAN_VALUE -> k.booleanValue();
            default -> null;
        };
    }

    private static boolean uuid(String s) {
        try {
            return UUID.fromString(s).toString().equalsIgnoreCase(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
