package dev.sluice.emulator.internal.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.emulator.internal.metadata.FilterTokens.Kind;
import dev.sluice.emulator.internal.metadata.FilterTokens.Token;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A metadata {@code $filter}, parsed and checked against the type being filtered. Supports what
 * metadata queries need: {@code eq ne gt ge lt le} between a property (or a {@code X/Value} path into
 * a complex property) and a literal, {@code and or not}, parentheses, and {@code startswith},
 * {@code endswith}, {@code contains}. String comparisons ignore case. Anything else is a 400 naming
 * what is unsupported. Immutable once parsed; thread-safe.
 */
final class MetadataFilter {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");
    private static final Set<String> COMPARISONS = Set.of("eq", "ne", "gt", "ge", "lt", "le");
    private static final Set<String> UNSUPPORTED_OPERATORS = Set.of("add", "sub", "mul", "div", "mod", "has", "in");
    private static final Set<String> FUNCTIONS = Set.of("startswith", "endswith", "contains");
    private static final String SUPPORTED = "supported: eq, ne, gt, ge, lt, le, and, or, not, parentheses, "
            + "startswith, endswith, contains";

    /** A boolean condition on one item's properties. */
    @FunctionalInterface
    interface Condition {
        boolean test(ObjectNode item);
    }

    /** A value in a comparison: a property of the item or a literal. */
    private record Operand(String property, String sub, JsonNode literal, String type) {
        /** {@code type}: the enum type of an enum property or enum literal, the Edm type of a literal, or null. */
        JsonNode value(ObjectNode item) {
            if (property == null) {
                return literal;
            }
            JsonNode v = item.get(property);
            if (sub != null && v != null) {
                v = v.get(sub);
            }
            return v == null ? NullNode.getInstance() : v;
        }
    }

    private final MetadataType type;
    private final FilterTokens tokens;

    private MetadataFilter(String text, MetadataType type) {
        this.type = type;
        this.tokens = new FilterTokens(text);
    }

    /** Parses {@code text} as a filter on items of {@code type}. */
    static Condition parse(String text, MetadataType type) {
        if (text.isBlank()) {
            throw MetadataErrors.badQuery("$filter is empty.");
        }
        MetadataFilter parser = new MetadataFilter(text, type);
        Condition c = parser.or();
        Token rest = parser.tokens.peek();
        if (rest.kind() != Kind.END) {
            throw parser.tokens.syntaxError(rest.position());
        }
        return c;
    }

    private Condition or() {
        Condition left = and();
        while (tokens.atWord("or")) {
            tokens.take();
            Condition l = left;
            Condition r = and();
            left = item -> l.test(item) || r.test(item);
        }
        return left;
    }

    private Condition and() {
        Condition left = unary();
        while (tokens.atWord("and")) {
            tokens.take();
            Condition l = left;
            Condition r = unary();
            left = item -> l.test(item) && r.test(item);
        }
        return left;
    }

    private Condition unary() {
        if (tokens.atWord("not")) {
            tokens.take();
            Condition inner = unary();
            return item -> !inner.test(item);
        }
        return primary();
    }

    private Condition primary() {
        Token t = tokens.peek();
        if (t.kind() == Kind.OPEN) {
            tokens.take();
            Condition inner = or();
            tokens.expect(Kind.CLOSE);
            return inner;
        }
        if (t.kind() == Kind.WORD && isFunctionCall()) {
            return function(tokens.take());
        }
        Operand left = operand();
        Token op = tokens.peek();
        if (op.kind() == Kind.WORD && COMPARISONS.contains(op.text())) {
            tokens.take();
            return comparison(left, op.text(), operand());
        }
        if (op.kind() == Kind.WORD && UNSUPPORTED_OPERATORS.contains(op.text())) {
            throw unsupported(op.text());
        }
        if (left.property() == null) {
            throw tokens.syntaxError(t.position());
        }
        return item -> {
            JsonNode v = left.value(item);
            if (!v.isBoolean() && !v.isNull()) {
                throw MetadataErrors.badQuery("The $filter expression '" + tokens.source()
                        + "' uses '" + t.text() + "' as a condition, but it is not a Boolean property.");
            }
            return v.asBoolean(false);
        };
    }

    private boolean isFunctionCall() {
        // a word directly followed by '(' is a call
        Token t = tokens.peek();
        int after = t.position() + t.text().length();
        return after < tokens.source().length() && tokens.source().charAt(after) == '(';
    }

    private Condition function(Token name) {
        String fn = name.text();
        if (fn.contains("/")) {
            throw MetadataErrors.badQuery("The emulator's metadata queries do not support lambda operators such as '"
                    + fn + "' in $filter; " + SUPPORTED + ".");
        }
        if (!FUNCTIONS.contains(fn)) {
            throw unsupported(fn);
        }
        tokens.expect(Kind.OPEN);
        Operand subject = operand();
        tokens.expect(Kind.COMMA);
        Operand argument = operand();
        tokens.expect(Kind.CLOSE);
        if (isEnum(subject.type()) || isEnum(argument.type())) {
            throw MetadataErrors.badQuery("The function '" + fn + "' takes strings, but '" + tokens.source()
                    + "' passes an enumeration value.");
        }
        return item -> {
            JsonNode s = subject.value(item);
            JsonNode a = argument.value(item);
            if (s.isNull() || a.isNull()) {
                return false;
            }
            if (!s.isTextual() || !a.isTextual()) {
                throw incompatible(edmType(s), edmType(a), fn);
            }
            String hay = s.asText().toLowerCase(Locale.ROOT);
            String needle = a.asText().toLowerCase(Locale.ROOT);
            return switch (fn) {
                case "startswith" -> hay.startsWith(needle);
                case "endswith" -> hay.endsWith(needle);
                default -> hay.contains(needle);
            };
        };
    }

    private Operand operand() {
        Token t = tokens.take();
        switch (t.kind()) {
            case STRING -> {
                return new Operand(null, null, TextNode.valueOf(t.text()), "Edm.String");
            }
            case ENUM -> {
                String member = MetadataEnums.checkMember(t.enumType(), t.text());
                return new Operand(null, null, TextNode.valueOf(member), t.enumType());
            }
            case WORD -> {
                return word(t);
            }
            default -> throw tokens.syntaxError(t.position());
        }
    }

    private Operand word(Token t) {
        String w = t.text();
        switch (w) {
            case "true", "false" -> {
                return new Operand(null, null, BooleanNode.valueOf(w.equals("true")), "Edm.Boolean");
            }
            case "null" -> {
                return new Operand(null, null, NullNode.getInstance(), null);
            }
            default -> {
                // a name, number or GUID
            }
        }
        if (NUMBER.matcher(w).matches()) {
            return new Operand(null, null, DecimalNode.valueOf(new BigDecimal(w)), "Edm.Decimal");
        }
        if (GUID.matcher(w).matches()) {
            return new Operand(null, null, TextNode.valueOf(w.toLowerCase(Locale.ROOT)), "Edm.Guid");
        }
        if (COMPARISONS.contains(w) || w.equals("and") || w.equals("or") || w.equals("not")) {
            throw tokens.syntaxError(t.position());
        }
        return property(w);
    }

    private Operand property(String path) {
        String[] parts = path.split("/", -1);
        if (parts.length > 2) {
            throw MetadataErrors.badQuery("The $filter path '" + path + "' is deeper than the emulator's metadata "
                    + "queries support; use a property or a complex property's primitive, e.g. RequiredLevel/Value.");
        }
        MetadataType.Property p = type.property(parts[0]);
        if (p == null || !parts[0].matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw MetadataErrors.unknownProperty(parts[0], type.qualifiedName());
        }
        String sub = parts.length == 2 ? parts[1] : null;
        return switch (p.kind()) {
            case NAVIGATION -> throw MetadataErrors.badQuery("The emulator's metadata queries cannot filter on the "
                    + "navigation property '" + p.name() + "'; expand it and filter inside: $expand=" + p.name()
                    + "($filter=…).");
            case LABEL -> throw MetadataErrors.badQuery("'" + p.name() + "' is a Label; metadata queries cannot "
                    + "filter on Label properties.");
            case COLLECTION -> throw MetadataErrors.badQuery("'" + p.name() + "' is a collection; metadata queries "
                    + "cannot filter on it.");
            case MANAGED, COMPLEX -> complex(p, sub);
            case PRIMITIVE, ENUM -> {
                if (sub != null) {
                    throw MetadataErrors.badQuery("'" + p.name() + "' is not a complex property, so '" + path
                            + "' is not a valid $filter path.");
                }
                yield new Operand(p.name(), null, null,
                        p.kind() == MetadataType.Kind.ENUM ? MetadataType.NAMESPACE + p.enumType() : null);
            }
        };
    }

    private Operand complex(MetadataType.Property p, String sub) {
        if (sub == null) {
            throw MetadataErrors.badQuery("'" + p.name() + "' is a complex property; filter on a primitive inside "
                    + "it, e.g. " + p.name() + "/Value.");
        }
        boolean managedShape = p.kind() == MetadataType.Kind.MANAGED || p.name().equals("RequiredLevel");
        boolean known = sub.equals("Value")
                || managedShape && (sub.equals("CanBeChanged") || sub.equals("ManagedPropertyLogicalName"));
        if (!known) {
            throw MetadataErrors.badQuery("Could not find a property named '" + sub + "' on the complex property '"
                    + p.name() + "'.");
        }
        String enumType = sub.equals("Value") && p.enumType() != null ? MetadataType.NAMESPACE + p.enumType() : null;
        return new Operand(p.name(), sub, null, enumType);
    }

    private Condition comparison(Operand left, String op, Operand right) {
        String operatorKind = switch (op) {
            case "eq" -> "Equal";
            case "ne" -> "NotEqual";
            case "gt" -> "GreaterThan";
            case "ge" -> "GreaterThanOrEqual";
            case "lt" -> "LessThan";
            default -> "LessThanOrEqual";
        };
        boolean leftNull = left.property() == null && left.literal().isNull();
        boolean rightNull = right.property() == null && right.literal().isNull();
        if ((isEnum(left.type()) || isEnum(right.type())) && !leftNull && !rightNull
                && !Objects.equals(left.type(), right.type())) {
            throw incompatible(typeName(left), typeName(right), operatorKind);
        }
        return item -> {
            JsonNode l = left.value(item);
            JsonNode r = right.value(item);
            if (l.isNull() || r.isNull()) {
                return switch (op) {
                    case "eq" -> l.isNull() && r.isNull();
                    case "ne" -> !(l.isNull() && r.isNull());
                    default -> false;
                };
            }
            int cmp;
            if (l.isTextual() && r.isTextual()) {
                cmp = l.asText().compareToIgnoreCase(r.asText());
            } else if (l.isNumber() && r.isNumber()) {
                cmp = l.decimalValue().compareTo(r.decimalValue());
            } else if (l.isBoolean() && r.isBoolean()) {
                cmp = Boolean.compare(l.booleanValue(), r.booleanValue());
            } else {
                throw incompatible(edmType(l), edmType(r), operatorKind);
            }
            return switch (op) {
                case "eq" -> cmp == 0;
                case "ne" -> cmp != 0;
                case "gt" -> cmp > 0;
                case "ge" -> cmp >= 0;
                case "lt" -> cmp < 0;
                default -> cmp <= 0;
            };
        };
    }

    private static boolean isEnum(String type) {
        return type != null && type.startsWith(MetadataType.NAMESPACE);
    }

    private static String typeName(Operand o) {
        return o.type() != null ? o.type() : "Edm.String";
    }

    private static String edmType(JsonNode v) {
        if (v.isTextual()) {
            return "Edm.String";
        }
        if (v.isBoolean()) {
            return "Edm.Boolean";
        }
        if (v.isIntegralNumber()) {
            return "Edm.Int32";
        }
        return v.isNumber() ? "Edm.Decimal" : "Edm.Untyped";
    }

    private static RuntimeException incompatible(String left, String right, String operatorKind) {
        return MetadataErrors.badQuery("A binary operator with incompatible types was detected. Found operand types '"
                + left + "' and '" + right + "' for operator kind '" + operatorKind + "'.");
    }

    private static RuntimeException unsupported(String what) {
        return MetadataErrors.badQuery("The emulator's metadata queries do not support '" + what + "' in $filter; "
                + SUPPORTED + ".");
    }
}
