package dev.sluice.dataverse;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.w3c.dom.Element;

/**
 * One FetchXML {@code condition}: a column ({@code name}, or {@code alias.name} of a link-entity), an operator and
 * its values, written as text (numbers plainly, booleans as 1/0, dates as ISO 8601). Values are escaped when the
 * query is written; text that XML cannot carry (control characters) is refused. Immutable.
 *
 * @param column the column, or {@code alias.column}
 * @param operator the FetchXML operator, e.g. {@code eq}, {@code like}, {@code in}
 * @param values the values: none, one, or several ({@code in}, {@code between})
 */
public record FetchCondition(String column, String operator, List<String> values) {
    public FetchCondition {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(operator, "operator");
        values = List.copyOf(values);
        for (String v : values) {
            checkText(v, "value of " + column);
        }
        checkText(column, "column");
    }

    public static FetchCondition of(String column, String operator, Object... values) {
        List<String> text = new ArrayList<>();
        for (Object v : values) {
            text.add(text(v));
        }
        return new FetchCondition(column, operator, text);
    }

    public static FetchCondition eq(String column, Object value) {
        return of(column, "eq", value);
    }

    public static FetchCondition ne(String column, Object value) {
        return of(column, "ne", value);
    }

    public static FetchCondition lt(String column, Object value) {
        return of(column, "lt", value);
    }

    public static FetchCondition le(String column, Object value) {
        return of(column, "le", value);
    }

    public static FetchCondition gt(String column, Object value) {
        return of(column, "gt", value);
    }

    public static FetchCondition ge(String column, Object value) {
        return of(column, "ge", value);
    }

    /** SQL LIKE: {@code %} and {@code _} are wildcards. */
    public static FetchCondition like(String column, String pattern) {
        return of(column, "like", pattern);
    }

    public static FetchCondition beginsWith(String column, String prefix) {
        return of(column, "begins-with", prefix);
    }

    public static FetchCondition endsWith(String column, String suffix) {
        return of(column, "ends-with", suffix);
    }

    public static FetchCondition in(String column, Object... values) {
        return of(column, "in", values);
    }

    public static FetchCondition notIn(String column, Object... values) {
        return of(column, "not-in", values);
    }

    public static FetchCondition between(String column, Object low, Object high) {
        return of(column, "between", low, high);
    }

    public static FetchCondition isNull(String column) {
        return of(column, "null");
    }

    public static FetchCondition notNull(String column) {
        return of(column, "not-null");
    }

    /** Adds this condition as a {@code condition} element to {@code filter}. */
    void appendTo(Element filter) {
        Element c = filter.getOwnerDocument().createElement("condition");
        int dot = column.indexOf('.');
        if (dot > 0) {
            c.setAttribute("entityname", column.substring(0, dot));
        }
        c.setAttribute("attribute", dot > 0 ? column.substring(dot + 1) : column);
        c.setAttribute("operator", operator);
        boolean many = operator.equals("in") || operator.equals("not-in") || operator.contains("between");
        if (values.size() == 1 && !many) {
            c.setAttribute("value", values.get(0));
        } else {
            for (String v : values) {
                Element e = filter.getOwnerDocument().createElement("value");
                e.setTextContent(v);
                c.appendChild(e);
            }
        }
        filter.appendChild(c);
    }

    /** A value as FetchXML text. */
    static String text(Object v) {
        if (v == null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "a FetchXML condition value cannot be null; use "
                    + "FetchCondition.isNull");
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        return v.toString(); // numbers, text, UUIDs, Instant and LocalDate (ISO 8601)
    }

    /** Refuses text XML 1.0 cannot carry. */
    static void checkText(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "the " + what + " holds the control character U+"
                        + String.format("%04X", (int) c) + ", which XML cannot carry");
            }
        }
    }
}
