package dev.sluice.emulator.internal.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OData {@code $filter} subset Business Central's API pages take: {@code eq ne gt ge lt le}, {@code and or not},
 * parentheses, {@code contains startswith endswith}, and literals ('text' with '' for a quote, numbers, true/false,
 * null, bare GUIDs, dates and date-times). Text compares without regard to case, as Business Central's default
 * collation does. Compiles to a predicate over a row; a syntax error or unknown property is a {@code BadRequest}.
 * Stateless.
 */
final class BcFilter {
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(?<str>'(?:[^']|'')*')|(?<dt>\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(?:Z|[+-]\\d{2}:\\d{2}))"
            + "|(?<guid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
            + "|(?<date>\\d{4}-\\d{2}-\\d{2})|(?<num>-?\\d+(?:\\.\\d+)?)|(?<name>[A-Za-z_][A-Za-z0-9_]*)"
            + "|(?<p>[(),]))");

    private final BcEntitySet set;
    private final String text;
    private final List<String[]> tokens = new ArrayList<>();
    private int pos;

    private BcFilter(BcEntitySet set, String text) {
        this.set = set;
        this.text = text;
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (text.substring(at).isBlank()) {
                break;
            }
            if (!m.find(at) || m.start() != at) {
                throw syntax(at);
            }
            String kind = m.group("str") != null ? "str" : m.group("dt") != null ? "dt" : m.group("guid") != null
                    ? "guid" : m.group("date") != null ? "date" : m.group("num") != null ? "num"
                    : m.group("name") != null ? "name" : "p";
            tokens.add(new String[] {kind, m.group(kind), Integer.toString(m.start(kind))});
            at = m.end();
        }
    }

    static Predicate<ObjectNode> compile(BcEntitySet set, String filter) {
        BcFilter f = new BcFilter(set, filter);
        Predicate<ObjectNode> p = f.or();
        if (f.pos != f.tokens.size()) {
            throw f.syntax(Integer.parseInt(f.tokens.get(f.pos)[2]));
        }
        return p;
    }

    private Predicate<ObjectNode> or() {
        Predicate<ObjectNode> left = and();
        while (word("or")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<ObjectNode> and() {
        Predicate<ObjectNode> left = not();
        while (word("and")) {
            left = left.and(not());
        }
        return left;
    }

    private Predicate<ObjectNode> not() {
        if (word("not")) {
            return not().negate();
        }
        return comparison();
    }

    private Predicate<ObjectNode> comparison() {
        if (punct("(")) {
            Predicate<ObjectNode> inner = or();
            expect(")");
            return inner;
        }
        String[] t = next();
        if (t[0].equals("name") && peekPunct("(")) {
            String fn = t[1].toLowerCase(Locale.ROOT);
            expect("(");
            BcField field = property(next());
            expect(",");
            String[] lit = next();
            if (!lit[0].equals("str")) {
                throw syntax(Integer.parseInt(lit[2]));
            }
            expect(")");
            String needle = unquote(lit[1]).toLowerCase(Locale.ROOT);
            return switch (fn) {
                case "contains" -> r -> text(r, field).contains(needle);
                case "startswith" -> r -> text(r, field).startsWith(needle);
                case "endswith" -> r -> text(r, field).endsWith(needle);
                default -> throw BcErrors.badRequest("BadRequest", "An unknown function with name '" + t[1]
                        + "' was found.");
            };
        }
        BcField field = property(t);
        String[] op = next();
        String[] lit = next();
        Object value = literal(field, lit);
        String o = op[1].toLowerCase(Locale.ROOT);
        if (!List.of("eq", "ne", "gt", "ge", "lt", "le").contains(o)) {
            throw syntax(Integer.parseInt(op[2]));
        }
        return r -> {
            Object actual = value(r, field);
            if (value == null || actual == null) {
                boolean same = value == actual;
                return o.equals("eq") ? same : o.equals("ne") && !same;
            }
            int c = compare(actual, value);
            return switch (o) {
                case "eq" -> c == 0;
                case "ne" -> c != 0;
                case "gt" -> c > 0;
                case "ge" -> c >= 0;
                case "lt" -> c < 0;
                default -> c <= 0;
            };
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a instanceof String sa && b instanceof String sb) {
            return sa.compareToIgnoreCase(sb);
        }
        return ((Comparable) a).compareTo(b);
    }

    /** A row's value in comparable form: BigDecimal, Boolean, epoch millis for date-times, text otherwise. */
    static Object value(ObjectNode row, BcField f) {
        JsonNode v = row.get(f.name());
        if (v == null || v.isNull()) {
            return null;
        }
        return switch (f.type()) {
            case DECIMAL, INTEGER -> v.decimalValue();
            case BOOLEAN -> v.booleanValue();
            case DATETIME -> OffsetDateTime.parse(v.asText()).toInstant().toEpochMilli();
            default -> v.asText();
        };
    }

    private Object literal(BcField f, String[] lit) {
        String raw = lit[1];
        switch (lit[0]) {
            case "str":
                if (f.type() == BcField.Type.STRING || f.type() == BcField.Type.ENUM) {
                    return unquote(raw);
                }
                if (f.type() == BcField.Type.DATE || f.type() == BcField.Type.GUID) {
                    return unquote(raw);
                }
                break;
            case "num":
                if (f.type() == BcField.Type.DECIMAL || f.type() == BcField.Type.INTEGER) {
                    return new BigDecimal(raw);
                }
                break;
            case "guid":
                if (f.type() == BcField.Type.GUID) {
                    return raw.toLowerCase(Locale.ROOT);
                }
                break;
            case "date":
                if (f.type() == BcField.Type.DATE) {
                    return raw;
                }
                break;
            case "dt":
                if (f.type() == BcField.Type.DATETIME) {
                    return OffsetDateTime.parse(raw).toInstant().toEpochMilli();
                }
                break;
            case "name":
                if (raw.equals("null")) {
                    return null;
                }
                if ((raw.equals("true") || raw.equals("false")) && f.type() == BcField.Type.BOOLEAN) {
                    return Boolean.valueOf(raw);
                }
                break;
            default:
                break;
        }
        throw BcErrors.badRequest("BadRequest", "A binary operator with incompatible types was detected. Found "
                + "operand types '" + BcValues.edm(f) + "' and the literal " + raw + " for property '" + f.name() + "'.");
    }

    private static String text(ObjectNode row, BcField f) {
        JsonNode v = row.get(f.name());
        return v == null || v.isNull() ? "" : v.asText().toLowerCase(Locale.ROOT);
    }

    private BcField property(String[] t) {
        if (!t[0].equals("name")) {
            throw syntax(Integer.parseInt(t[2]));
        }
        return set.field(t[1]).orElseThrow(() -> BcErrors.badRequest("BadRequest", "Could not find a property named '"
                + t[1] + "' on type 'Microsoft.NAV." + set.entityType() + "'."));
    }

    private static String unquote(String s) {
        return s.substring(1, s.length() - 1).replace("''", "'");
    }

    private String[] next() {
        if (pos >= tokens.size()) {
            throw syntax(text.length());
        }
        return tokens.get(pos++);
    }

    private boolean word(String w) {
        if (pos < tokens.size() && tokens.get(pos)[0].equals("name") && tokens.get(pos)[1].equals(w)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean punct(String p) {
        if (peekPunct(p)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean peekPunct(String p) {
        return pos < tokens.size() && tokens.get(pos)[0].equals("p") && tokens.get(pos)[1].equals(p);
    }

    private void expect(String p) {
        if (!punct(p)) {
            throw syntax(pos < tokens.size() ? Integer.parseInt(tokens.get(pos)[2]) : text.length());
        }
    }

    private RuntimeException syntax(int at) {
        return BcErrors.badRequest("BadRequest", "Syntax error at position " + at + " in '" + text + "'.");
    }
}
