package dev.sluice.flow.internal;

import dev.cel.bundle.Cel;
import dev.sluice.core.NearestName;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.TableSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles CEL expressions with the source table's columns declared as typed variables (and the whole record
 * as {@code row}), so that unknown columns and type mismatches are found before a run. Thread-safe.
 */
public final class ExpressionCompiler {
    private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']+)'");
    private static final Pattern OVERLOAD = Pattern.compile("found no matching overload for '([^']+)' applied to "
            + "'\\((.*?)\\)'");
    /** CEL's names of the types a column may have, as a person reads them. */
    private static final Map<String, String> TYPE_NAMES = Map.of("google.protobuf.DoubleValue", "double",
            "google.protobuf.Int64Value", "int", "google.protobuf.StringValue", "string", "google.protobuf.BoolValue",
            "bool", "google.protobuf.Timestamp", "timestamp", "google.protobuf.Duration", "duration");

    private final TableSchema table;
    private final Map<String, CelType> declared = new LinkedHashMap<>();
    private final Cel cel;

    /** Declares {@code visible} columns of {@code table} (all columns when empty). */
    public ExpressionCompiler(TableSchema table, List<String> visible) {
        this.table = table;
        // numbers compare across int, uint and double (revenue > 100000), and decimals are a type of their own
        CelBuilder b = CelFactory.standardCelBuilder()
                .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).build())
                .addFunctionDeclarations(CelDecimal.declarations())
                .addFunctionBindings(CelDecimal.bindings())
                .addVar(CelValues.ROW, CelValues.ROW_TYPE);
        for (ColumnSchema c : table.columns()) {
            if ((visible.isEmpty() || visible.contains(c.name())) && CelValues.identifier(c.name())) {
                declared.put(c.name(), CelValues.type(c.kind()));
                b.addVar(c.name(), CelValues.type(c.kind()));
            }
        }
        this.cel = b.build();
    }

    /**
     * "'*' cannot take double and int" in words, with what to write instead: CEL never converts between int and
     * double by itself, so a whole number next to a double is written 100000.0 or converted with double(…).
     */
    static String overloadMessage(String text, String function, String operands) {
        List<String> types = new java.util.ArrayList<>();
        for (String t : operands.split(",\\s*")) {
            String name = t.strip().replaceAll("^wrapper\\((.*)\\)$", "$1");
            types.add(TYPE_NAMES.getOrDefault(name, name));
        }
        String op = function.replaceAll("^_?(.*?)_?$", "$1").replace("_", "");
        String what = function.startsWith("_") || function.startsWith("-") ? "operator '" + op + "'"
                : "function '" + function + "'";
        String hint = "";
        if (types.contains("int") && types.contains("double")) {
            hint = "; CEL does not mix int and double: write whole numbers as doubles (100000.0 rather than 100000) "
                    + "or convert with double(…)";
        } else if (types.contains("decimal") && (types.contains("string") || types.contains("bool"))) {
            hint = "; convert text with decimal(…)";
        }
        return "CEL expression '" + text + "': " + what + " cannot take " + String.join(" and ", types) + hint;
    }

    /** A compile failure: message, suggestion, and the 0-based column in the expression text. */
    public record Failure(String message, String suggestion, int offset) {}

    /** The compiled expression, or the first failure. */
    public Object compile(String text) {
        String trimmed = text.strip();
        if (declared.containsKey(trimmed)) {
            return Expression.column(trimmed, declared.get(trimmed));
        }
        try {
            CelAbstractSyntaxTree ast = cel.compile(text).getAst();
            return Expression.program(text, cel.createProgram(ast), ast.getResultType(), declared, ast);
        } catch (CelValidationException e) {
            CelIssue issue = e.getErrors().get(0);
            String msg = issue.getMessage();
            Matcher m = UNDECLARED.matcher(msg);
            int offset = Math.max(0, issue.getSourceLocation().getColumn());
            if (m.find()) {
                String name = m.group(1);
                if (table.column(name).isPresent()) {
                    return new Failure("column '" + name + "' of '" + table.name() + "' is not read; add it to "
                            + "source.select", null, offset);
                }
                return new Failure("unknown column '" + name + "' on table '" + table.name() + "'",
                        NearestName.of(name, declared.keySet()), offset);
            }
            Matcher o = OVERLOAD.matcher(msg);
            if (o.find()) {
                return new Failure(overloadMessage(text, o.group(1), o.group(2)), null, offset);
            }
            return new Failure("CEL expression '" + text + "' does not compile: " + msg, null, offset);
        } catch (CelEvaluationException e) {
            return new Failure("CEL expression '" + text + "' cannot be prepared: " + e.getMessage(), null, 0);
        }
    }
}
