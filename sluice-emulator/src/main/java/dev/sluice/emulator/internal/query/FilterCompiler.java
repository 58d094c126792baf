package dev.sluice.emulator.internal.query;

import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.data.ValueCodec;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.RelationshipDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.function.IntPredicate;
import org.apache.olingo.commons.api.edm.EdmEnumType;
import org.apache.olingo.commons.api.edm.EdmType;
import org.apache.olingo.server.api.uri.UriInfoResource;
import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourceCount;
import org.apache.olingo.server.api.uri.UriResourceIt;
import org.apache.olingo.server.api.uri.UriResourceLambdaAll;
import org.apache.olingo.server.api.uri.UriResourceLambdaAny;
import org.apache.olingo.server.api.uri.UriResourceLambdaVariable;
import org.apache.olingo.server.api.uri.UriResourceNavigation;
import org.apache.olingo.server.api.uri.UriResourcePrimitiveProperty;
import org.apache.olingo.server.api.uri.queryoption.expression.BinaryOperatorKind;
import org.apache.olingo.server.api.uri.queryoption.expression.Expression;
import org.apache.olingo.server.api.uri.queryoption.expression.ExpressionVisitException;
import org.apache.olingo.server.api.uri.queryoption.expression.ExpressionVisitor;
import org.apache.olingo.server.api.uri.queryoption.expression.Literal;
import org.apache.olingo.server.api.uri.queryoption.expression.Member;
import org.apache.olingo.server.api.uri.queryoption.expression.MethodKind;
import org.apache.olingo.server.api.uri.queryoption.expression.UnaryOperatorKind;

/**
 * Compiles an Olingo-parsed {@code $filter} (or an {@code $orderby} key) into an {@link Operand} tree
 * once per request, so that each row is tested without walking Olingo's tree or converting literals
 * again. Supports what Dataverse supports (fact sheet §C.3): {@code eq ne gt ge lt le and or not},
 * {@code contains/startswith/endswith}, {@code null}, literals of every column type, multi-hop paths
 * through single-valued navigation properties, {@code any}/{@code all} over collection-valued ones,
 * parameter aliases, and the Dataverse query functions (see {@link FunctionCall}). Anything else is a
 * 400 naming it. Not thread-safe: one per request.
 */
final class FilterCompiler implements ExpressionVisitor<Operand> {
    private final QueryScope scope;
    private final TableDef root;
    private final List<FunctionCall> calls;
    private final UriInfoResource uri;
    private final Deque<Variable> variables = new ArrayDeque<>();
    private int frameSize = 1;

    /** A lambda variable in scope: its name, frame slot and table. */
    private record Variable(String name, int slot, TableDef table) {}

    FilterCompiler(QueryScope scope, TableDef root, List<FunctionCall> calls, UriInfoResource uri) {
        this.scope = scope;
        this.root = root;
        this.calls = calls;
        this.uri = uri;
    }

    /** Slots needed in the frame: the current row plus one per nested lambda. */
    int frameSize() {
        return frameSize;
    }

    Operand compile(Expression e) {
        try {
            return e.accept(this);
        } catch (ExpressionVisitException | org.apache.olingo.server.api.ODataApplicationException ex) {
            throw QueryErrors.bad("The query expression cannot be evaluated: " + ex.getMessage());
        }
    }

    @Override
    public Operand visitBinaryOperator(BinaryOperatorKind op, Operand l, Operand r) {
        boolean fn = l.queryFunction() || r.queryFunction();
        Operand result = switch (op) {
            case AND -> f -> Values.truthy(l.eval(f)) && Values.truthy(r.eval(f));
            case OR -> f -> Values.truthy(l.eval(f)) || Values.truthy(r.eval(f));
            case EQ -> equality(l, r, false);
            case NE -> equality(l, r, true);
            case GT -> comparison(l, r, c -> c > 0);
            case GE -> comparison(l, r, c -> c >= 0);
            case LT -> comparison(l, r, c -> c < 0);
            case LE -> comparison(l, r, c -> c <= 0);
            default -> throw QueryErrors.bad("The operator '" + op.toString().toLowerCase(java.util.Locale.ROOT)
                    + "' is not supported in $filter.");
        };
        if (!fn) {
            return result;
        }
        return Operand.queryFunction(result);
    }

    /** {@code x eq null} is IS NULL; otherwise a null on either side never matches (SQL). */
    private static Operand equality(Operand l, Operand r, boolean negate) {
        boolean lNull = l instanceof Constant c && c.value() == null;
        boolean rNull = r instanceof Constant c && c.value() == null;
        if (lNull || rNull) {
            Operand other = lNull ? r : l;
            return f -> (other.eval(f) == null) != negate;
        }
        return f -> {
            Object a = l.eval(f);
            Object b = r.eval(f);
            if (a == null || b == null) {
                return false;
            }
            return Values.equal(a, b) != negate;
        };
    }

    /** An ordering test; a null on either side never matches (SQL). */
    private static Operand comparison(Operand l, Operand r, IntPredicate test) {
        return f -> {
            Object a = l.eval(f);
            Object b = r.eval(f);
            return a != null && b != null && test.test(Values.compare(a, b));
        };
    }

    @Override
    public Operand visitBinaryOperator(BinaryOperatorKind op, Operand l, List<Operand> r) {
        throw QueryErrors.bad("The operator 'in' is not supported in $filter; use Microsoft.Dynamics.CRM.In.");
    }

    @Override
    public Operand visitUnaryOperator(UnaryOperatorKind op, Operand operand) {
        if (op != UnaryOperatorKind.NOT) {
            throw QueryErrors.bad("The unary operator '" + op + "' is not supported in $filter.");
        }
        if (operand.queryFunction()) {
            throw QueryErrors.bad("Not operator along with the Custom Named Condition operators is not allowed");
        }
        return f -> !Values.truthy(operand.eval(f));
    }

    @Override
    public Operand visitMethodCall(MethodKind method, List<Operand> params) {
        LikePattern.Kind kind = switch (method) {
            case CONTAINS -> LikePattern.Kind.CONTAINS;
            case STARTSWITH -> LikePattern.Kind.STARTS;
            case ENDSWITH -> LikePattern.Kind.ENDS;
            default -> throw QueryErrors.bad("The function '" + method + "' is not supported in $filter; "
                    + "Dataverse supports contains, startswith and endswith.");
        };
        Operand target = params.get(0);
        Operand pattern = params.get(1);
        if (pattern instanceof Constant c && c.value() instanceof String s) {
            if (kind == LikePattern.Kind.STARTS && s.startsWith("%")) {
                throw QueryErrors.bad("A leading wildcard is not supported in startswith; use contains.");
            }
            LikePattern like = new LikePattern(kind, s);
            return f -> target.eval(f) instanceof String v && like.matches(v);
        }
        return f -> target.eval(f) instanceof String v && pattern.eval(f) instanceof String p
                && new LikePattern(kind, p).matches(v);
    }

    @Override
    public Operand visitLambdaExpression(String lambdaFunction, String lambdaVariable, Expression expression) {
        throw QueryErrors.bad("Lambda expressions must follow a collection-valued navigation property.");
    }

    @Override
    public Operand visitLiteral(Literal literal) {
        return new Constant(literal(literal.getType(), literal.getText()));
    }

    static Object literal(EdmType type, String text) {
        if (type == null || text.equals("null")) {
            return null;
        }
        try {
            return switch (type.getName()) {
                case "String" -> text.substring(1, text.length() - 1).replace("''", "'");
                case "Boolean" -> Boolean.parseBoolean(text);
                case "Guid" -> UUID.fromString(text);
                case "DateTimeOffset" -> OffsetDateTime.parse(text).toInstant();
                case "Date" -> LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                case "Byte", "SByte", "Int16", "Int32", "Int64", "Decimal", "Double", "Single" -> number(text);
                default -> throw QueryErrors.bad("Literals of type '" + type.getName() + "' are not supported.");
            };
        } catch (RuntimeException e) {
            if (e instanceof dev.sluice.emulator.internal.http.ApiException api) {
                throw api;
            }
            throw QueryErrors.bad("The literal '" + text + "' is not a valid " + type.getName() + ".");
        }
    }

    private static Object number(String text) {
        BigDecimal d = new BigDecimal(text);
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            // not a whole number that fits an int: kept as a decimal
            return d;
        }
    }

    @Override
    public Operand visitMember(Member member) {
        List<UriResource> parts = member.getResourcePath().getUriResourceParts();
        int slot = 0;
        TableDef table = current();
        int i = 0;
        UriResource first = parts.get(0);
        if (first instanceof UriResourceLambdaVariable v) {
            Variable var = variable(v.getVariableName());
            slot = var.slot();
            table = var.table();
            i = 1;
        } else if (first instanceof UriResourceIt) {
            slot = 0;
            table = root;
            i = 1;
        } else if (!variables.isEmpty()) {
            slot = variables.peek().slot();
        }
        if (i >= parts.size()) {
            int s = slot;
            return f -> f[s] == null ? null : f[s].id();
        }
        Step step = path(table, parts, i);
        int s = slot;
        return f -> {
            Row r = f[s];
            return r == null ? null : step.apply(r, f);
        };
    }

    /** One step along a member path, from a row. */
    @FunctionalInterface
    private interface Step {
        Object apply(Row row, Row[] frame);
    }

    private Step path(TableDef table, List<UriResource> parts, int i) {
        UriResource part = parts.get(i);
        boolean last = i == parts.size() - 1;
        if (part instanceof UriResourcePrimitiveProperty p) {
            String name = p.getProperty().getName();
            int col = table.indexOfWire(name);
            if (col < 0 || !last) {
                throw QueryErrors.unknownProperty(table, name);
            }
            return (r, f) -> Values.normalize(r.get(col));
        }
        if (part instanceof UriResourceNavigation n) {
            String name = n.getProperty().getName();
            if (!n.isCollection()) {
                RelationshipDef rel = scope.store().schema().singleNavigation(table.logicalName(), name);
                if (rel == null) {
                    throw QueryErrors.unknownProperty(table, name);
                }
                int col = table.indexOf(rel.lookupColumn());
                String target = rel.referencedTable();
                if (last) {
                    return (r, f) -> {
                        Row t = scope.target(r.get(col), target);
                        return t == null ? null : t.id();
                    };
                }
                Step rest = path(scope.table(target), parts, i + 1);
                return (r, f) -> {
                    Row t = scope.target(r.get(col), target);
                    return t == null ? null : rest.apply(t, f);
                };
            }
            RelationshipDef rel = scope.store().schema().collectionNavigation(table.logicalName(), name);
            if (rel == null || last) {
                throw QueryErrors.bad("The collection-valued navigation property '" + name
                        + "' can only be used with any, all or $count in $filter.");
            }
            return collection(rel, parts.get(i + 1));
        }
        throw QueryErrors.bad("The path segment '" + part.getSegmentValue() + "' is not supported in $filter.");
    }

    private Step collection(RelationshipDef rel, UriResource next) {
        if (next instanceof UriResourceCount) {
            return (r, f) -> scope.children(rel, r.id()).size();
        }
        boolean any = next instanceof UriResourceLambdaAny;
        if (!any && !(next instanceof UriResourceLambdaAll)) {
            throw QueryErrors.bad("Only any, all and $count may follow '" + rel.schemaName() + "' in $filter.");
        }
        String varName = any ? ((UriResourceLambdaAny) next).getLambdaVariable()
                : ((UriResourceLambdaAll) next).getLambdaVariable();
        Expression body = any ? ((UriResourceLambdaAny) next).getExpression()
                : ((UriResourceLambdaAll) next).getExpression();
        if (body == null) {
            return (r, f) -> !scope.children(rel, r.id()).isEmpty();
        }
        int slot = variables.size() + 1;
        frameSize = Math.max(frameSize, slot + 1);
        variables.push(new Variable(varName, slot, scope.table(rel.referencingTable())));
        Operand inner;
        try {
            inner = compile(body);
        } finally {
            variables.pop();
        }
        return (r, f) -> {
            for (Row child : scope.children(rel, r.id())) {
                f[slot] = child;
                if (Values.truthy(inner.eval(f)) == any) {
                    return any;
                }
            }
            return !any;
        };
    }

    private TableDef current() {
        return variables.isEmpty() ? root : variables.peek().table();
    }

    private Variable variable(String name) {
        for (Variable v : variables) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        throw QueryErrors.bad("The lambda variable '" + name + "' is not in scope.");
    }

    @Override
    public Operand visitAlias(String aliasName) {
        String name = aliasName.startsWith("@") ? aliasName : "@" + aliasName;
        if (name.startsWith(FunctionRewriter.ALIAS_PREFIX)) {
            FunctionCall call = calls.get(Integer.parseInt(name.substring(FunctionRewriter.ALIAS_PREFIX.length())));
            int slot = variables.isEmpty() ? 0 : variables.peek().slot();
            return QueryFunctions.compile(scope, call, current(), slot);
        }
        String text = uri.getValueForAlias(name);
        if (text == null) {
            return new Constant(null);
        }
        return aliasValue(text.trim());
    }

    /** A parameter alias's value: a literal, or a column of the current table ({@code @p1=revenue}). */
    private Operand aliasValue(String text) {
        TableDef table = current();
        int col = table.indexOfWire(text);
        if (col >= 0) {
            int slot = variables.isEmpty() ? 0 : variables.peek().slot();
            return f -> Values.normalize(f[slot].get(col));
        }
        if (text.equals("null")) {
            return new Constant(null);
        }
        if (text.startsWith("'") && text.endsWith("'") && text.length() >= 2) {
            return new Constant(text.substring(1, text.length() - 1).replace("''", "'"));
        }
        if (text.equals("true") || text.equals("false")) {
            return new Constant(Boolean.parseBoolean(text));
        }
        try {
            if (text.length() == 36 && text.charAt(8) == '-') {
                return new Constant(UUID.fromString(text));
            }
            if (text.length() >= 10 && text.charAt(4) == '-') {
                Instant when = ValueCodec.parseDateTime(text);
                return new Constant(when);
            }
            return new Constant(number(text));
        } catch (RuntimeException e) {
            throw QueryErrors.bad("The value of the parameter alias is not a literal or a property: '" + text + "'.");
        }
    }

    @Override
    public Operand visitTypeLiteral(EdmType type) {
        throw QueryErrors.bad("Type literals are not supported in $filter.");
    }

    @Override
    public Operand visitLambdaReference(String variableName) {
        Variable v = variable(variableName);
        return f -> f[v.slot()] == null ? null : f[v.slot()].id();
    }

    @Override
    public Operand visitEnum(EdmEnumType type, List<String> enumValues) {
        throw QueryErrors.bad("Enumeration literals are not supported in $filter on rows.");
    }

    /** The column a member path of one property names, or null for longer paths. */
    static ColumnDef simpleColumn(TableDef table, Member member) {
        List<UriResource> parts = member.getResourcePath().getUriResourceParts();
        if (parts.size() == 1 && parts.get(0) instanceof UriResourcePrimitiveProperty p) {
            return table.columnByWireName(p.getProperty().getName());
        }
        return null;
    }
}
