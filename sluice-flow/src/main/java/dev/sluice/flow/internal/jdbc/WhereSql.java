package dev.sluice.flow.internal.jdbc;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.core.Where;
import java.util.List;

/**
 * Translates the {@link Where} model into SQL with {@code ?} placeholders; values are collected for binding, never
 * spliced into the text. Not thread-safe (one per statement).
 */
public final class WhereSql {
    private final SqlTable table;
    private final StringBuilder sql = new StringBuilder();
    private final List<Object[]> params;

    /**
     * @param params receives {column, value} pairs in placeholder order
     */
    public WhereSql(SqlTable table, List<Object[]> params) {
        this.table = table;
        this.params = params;
    }

    public String translate(Where w) {
        append(w);
        return sql.toString();
    }

    private void append(Where w) {
        if (w instanceof Where.Compare c) {
            String col = table.quoted(c.column());
            switch (c.op()) {
                case CONTAINS, STARTS_WITH, ENDS_WITH -> {
                    if (!(c.value() instanceof String s)) {
                        throw new SluiceException(ErrorKind.INVALID_INPUT, "column '" + c.column() + "': "
                                + c.op().name().toLowerCase() + " needs a text value");
                    }
                    String esc = s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
                    String pattern = c.op() == Where.Op.CONTAINS ? "%" + esc + "%"
                            : c.op() == Where.Op.STARTS_WITH ? esc + "%" : "%" + esc;
                    sql.append(col).append(" LIKE ? ESCAPE '\\'");
                    params.add(new Object[] {null, pattern});
                }
                default -> {
                    sql.append(col).append(switch (c.op()) {
                        case EQ -> " = ?";
                        case NE -> " <> ?";
                        case GT -> " > ?";
                        case GE -> " >= ?";
                        case LT -> " < ?";
                        default -> " <= ?";
                    });
                    params.add(new Object[] {c.column(), c.value()});
                }
            }
        } else if (w instanceof Where.IsNull n) {
            sql.append(table.quoted(n.column())).append(n.negated() ? " IS NOT NULL" : " IS NULL");
        } else if (w instanceof Where.In in) {
            if (in.values().isEmpty()) {
                sql.append("1 = 0");
                return;
            }
            sql.append(table.quoted(in.column())).append(" IN (");
            for (int i = 0; i < in.values().size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
                params.add(new Object[] {in.column(), in.values().get(i)});
            }
            sql.append(')');
        } else if (w instanceof Where.And a) {
            join(a.parts(), " AND ");
        } else if (w instanceof Where.Or o) {
            join(o.parts(), " OR ");
        } else {
            sql.append("NOT (");
            append(((Where.Not) w).part());
            sql.append(')');
        }
    }

    private void join(List<Where> parts, String op) {
        sql.append('(');
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                sql.append(op);
            }
            append(parts.get(i));
        }
        sql.append(')');
    }
}
