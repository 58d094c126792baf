package dev.sluice.server.internal.design;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.TableSchema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The designer's filter rows as the CEL {@code where} a flow file holds, and back: {@code column operator value} rows
 * joined by {@code &&}, each value written as a literal of its column's kind (text quoted, numbers as numbers, a date
 * as {@code timestamp("…")}, a choice's label as its value). A {@code where} reads back as rows only when the rows
 * write it exactly so; anything else stays an expression. Stateless.
 */
public final class FilterText {
    /** Operators, by the form's value, with what people read. */
    public static final Map<String, String> OPERATORS = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
            Map.ofEntries(Map.entry("eq", "is"), Map.entry("ne", "is not"), Map.entry("gt", "greater than"),
                    Map.entry("ge", "at least"), Map.entry("lt", "less than"), Map.entry("le", "at most"),
                    Map.entry("contains", "contains"), Map.entry("starts", "starts with"),
                    Map.entry("ends", "ends with"), Map.entry("empty", "is empty"),
                    Map.entry("present", "is not empty"))));
    /** Operators in the order the form lists them. */
    public static final List<String> ORDER = List.of("eq", "ne", "gt", "ge", "lt", "le", "contains", "starts", "ends",
            "empty", "present");
    private static final Map<String, String> CEL_OPS = Map.of("eq", "==", "ne", "!=", "gt", ">", "ge", ">=", "lt", "<",
            "le", "<=");
    private static final Map<String, String> METHODS = Map.of("contains", "contains", "starts", "startsWith", "ends",
            "endsWith");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final java.util.Set<String> CEL_RESERVED = java.util.Set.of("true", "false", "null", "in", "as",
            "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package",
            "namespace", "return", "var", "void", "while");

    private FilterText() {}

    /** How CEL names a source column: itself, or {@code row["…"]} when it is not an identifier. */
    public static String ref(String column) {
        return IDENTIFIER.matcher(column).matches() && !CEL_RESERVED.contains(column) ? column
                : "row[" + string(column) + "]";
    }

    /** A CEL string literal. */
    public static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(ch);
            }
        }
        return b.append('"').toString();
    }

    /**
     * The rows as CEL, or the problems of the rows (each naming its row's field). Rows without a column are left out.
     */
    public static String cel(List<Design.Filter> rows, TableSchema source, List<FieldProblem> problems) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Design.Filter f = rows.get(i);
            if (f.column().isEmpty()) {
                continue;
            }
            Optional<ColumnSchema> c = source == null ? Optional.empty() : source.column(f.column());
            if (c.isEmpty()) {
                problems.add(new FieldProblem("filter-" + i + "-column", "filter row " + (i + 1) + ": choose a column "
                        + "of the source table"));
                continue;
            }
            String col = ref(f.column());
            String op = f.op();
            if (op.equals("empty") || op.equals("present")) {
                parts.add(col + (op.equals("empty") ? " == null" : " != null"));
                continue;
            }
            String literal = literal(f.value(), c.get(), METHODS.containsKey(op));
            if (literal == null) {
                problems.add(new FieldProblem("filter-" + i + "-value", "filter row " + (i + 1) + ": '" + f.value()
                        + "' is not " + expected(c.get())));
                continue;
            }
            if (METHODS.containsKey(op)) {
                parts.add(col + "." + METHODS.get(op) + "(" + literal + ")");
            } else if (CEL_OPS.containsKey(op)) {
                parts.add(col + " " + CEL_OPS.get(op) + " " + literal);
            } else {
                problems.add(new FieldProblem("filter-" + i + "-op", "filter row " + (i + 1) + ": choose an operator"));
            }
        }
        return String.join(" && ", parts);
    }

    private static String expected(ColumnSchema c) {
        return switch (c.kind()) {
            case INTEGER -> "a whole number";
            case CHOICE -> "one of the column's labels or values " + new java.util.TreeMap<>(c.choices()).values();
            case DECIMAL, DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case DATETIME -> "a date (2025-01-31) or a date and time (2025-01-31T08:00:00Z)";
            default -> "a value";
        };
    }

    /** A value as a CEL literal of the column's kind; null when it is not one. */
    static String literal(String value, ColumnSchema c, boolean text) {
        String v = value.strip();
        if (text) {
            return string(value);
        }
        switch (c.kind()) {
            case INTEGER:
                return v.matches("-?\\d{1,18}") ? v : null;
            case CHOICE:
                if (v.matches("-?\\d{1,9}")) {
                    return v;
                }
                for (Map.Entry<Integer, String> e : c.choices().entrySet()) {
                    if (e.getValue().equalsIgnoreCase(v)) {
                        return e.getKey().toString();
                    }
                }
                return null;
            case DECIMAL:
            case DOUBLE:
                try {
                    String plain = new BigDecimal(v).toPlainString();
                    return plain.contains(".") ? plain : plain + ".0";
                } catch (NumberFormatException e) {
                    // not a number: the caller tries the next reading or says what is wrong
                    return null;
                }
            case BOOLEAN:
                return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") ? "true"
                        : v.equalsIgnoreCase("false") || v.equalsIgnoreCase("no") ? "false" : null;
            case DATETIME:
                try {
                    OffsetDateTime t = v.length() == 10 ? LocalDate.parse(v).atStartOfDay().atOffset(ZoneOffset.UTC)
                            : OffsetDateTime.parse(v);
                    return "timestamp(" + string(t.toInstant().toString()) + ")";
                } catch (DateTimeParseException e) {
                    // not a date: the caller tries the next reading or says what is wrong
                    return null;
                }
            default:
                return string(value);
        }
    }

    private static final String LITERAL = "(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?|true|false|timestamp\\(\"[^\"]*\"\\))";
    private static final String COLUMN = "([A-Za-z_][A-Za-z0-9_]*|row\\[\"(?:[^\"\\\\]|\\\\.)*\"\\])";
    private static final Pattern COMPARE = Pattern.compile(COLUMN + " (==|!=|>=|<=|>|<) (null|" + LITERAL.substring(1));
    private static final Pattern METHOD = Pattern.compile(COLUMN + "\\.(contains|startsWith|endsWith)\\("
            + "(\"(?:[^\"\\\\]|\\\\.)*\")\\)");

    /** The rows that write {@code where} exactly, or empty when it is not such a conjunction. */
    public static Optional<List<Design.Filter>> rows(String where, TableSchema source) {
        if (where == null || where.isBlank()) {
            return Optional.of(List.of());
        }
        List<Design.Filter> out = new ArrayList<>();
        for (String part : split(where)) {
            Matcher m = COMPARE.matcher(part);
            Matcher k = METHOD.matcher(part);
            if (m.matches()) {
                String column = column(m.group(1));
                String cel = m.group(2);
                String lit = m.group(3);
                if (lit.equals("null")) {
                    if (!cel.equals("==") && !cel.equals("!=")) {
                        return Optional.empty();
                    }
                    out.add(new Design.Filter(column, cel.equals("==") ? "empty" : "present", ""));
                    continue;
                }
                String op = CEL_OPS.entrySet().stream().filter(e -> e.getValue().equals(cel)).findFirst().orElseThrow()
                        .getKey();
                out.add(new Design.Filter(column, op, value(lit)));
            } else if (k.matches()) {
                String op = METHODS.entrySet().stream().filter(e -> e.getValue().equals(k.group(2))).findFirst()
                        .orElseThrow().getKey();
                out.add(new Design.Filter(column(k.group(1)), op, unquote(k.group(3))));
            } else {
                return Optional.empty();
            }
        }
        List<FieldProblem> problems = new ArrayList<>();
        return problems.isEmpty() && where.equals(cel(out, source, problems)) && problems.isEmpty() ? Optional.of(out)
                : Optional.empty();
    }

    private static List<String> split(String where) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        boolean quoted = false;
        for (int i = 0; i < where.length(); i++) {
            char ch = where.charAt(i);
            if (ch == '\\' && quoted) {
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && where.startsWith(" && ", i)) {
                parts.add(where.substring(from, i));
                from = i + 4;
                i += 3;
            }
        }
        parts.add(where.substring(from));
        return parts;
    }

    private static String column(String ref) {
        return ref.startsWith("row[") ? unquote(ref.substring(4, ref.length() - 1)) : ref;
    }

    private static String value(String literal) {
        if (literal.startsWith("timestamp(")) {
            return unquote(literal.substring(10, literal.length() - 1));
        }
        return literal.startsWith("\"") ? unquote(literal) : literal;
    }

    private static String unquote(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < s.length() - 1; i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length() - 1) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    /** The operator's words. */
    public static String words(String op) {
        return OPERATORS.getOrDefault(op, op).toLowerCase(Locale.ROOT);
    }

    /** Whether a kind's values are compared as text (for the operators offered). */
    static boolean text(ColumnKind k) {
        return k == ColumnKind.STRING || k == ColumnKind.OTHER;
    }
}
