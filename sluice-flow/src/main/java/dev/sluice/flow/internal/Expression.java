package dev.sluice.flow.internal;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelUnknownSet;
import dev.cel.runtime.Program;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A checked CEL expression over a source record, or a plain column copy when the text is just a column name
 * (no CEL evaluation, the value keeps its exact type). Thread-safe.
 */
public final class Expression {
    private final String text;
    private final String column;
    private final Program program;
    private final CelType resultType;
    private final Map<String, CelType> variables;
    private final CelAbstractSyntaxTree ast;

    private Expression(String text, String column, Program program, CelType resultType,
            Map<String, CelType> variables, CelAbstractSyntaxTree ast) {
        this.text = text;
        this.column = column;
        this.program = program;
        this.resultType = resultType;
        this.variables = variables;
        this.ast = ast;
    }

    static Expression column(String name, CelType type) {
        return new Expression(name, name, null, type, Map.of(name, type), null);
    }

    static Expression program(String text, Program program, CelType type, Map<String, CelType> variables,
            CelAbstractSyntaxTree ast) {
        return new Expression(text, null, program, type, variables, ast);
    }

    /** The checked syntax tree, or null for a plain column copy. */
    public CelAbstractSyntaxTree ast() {
        return ast;
    }

    /** The source columns it reads ({@code row["x"]} included). */
    public Set<String> columns() {
        return ast == null ? Set.of(column) : CelColumns.of(ast.getExpr());
    }

    /** The text as written in the flow file. */
    public String text() {
        return text;
    }

    /** The CEL kind of the result (DYN when not known before running). */
    public CelKind resultKind() {
        CelKind k = resultType.kind();
        if (k == CelKind.OPAQUE && resultType.name().startsWith("optional")) {
            return CelKind.DYN;
        }
        return k;
    }

    /** The result type's name, for messages. */
    public String resultTypeName() {
        return resultType.name().replace("google.protobuf.Timestamp", "timestamp");
    }

    /** Whether the result is a decimal (money and decimal columns compute as {@link CelDecimal}s). */
    public boolean isDecimal() {
        return resultType.equals(CelDecimal.TYPE);
    }

    /** The column copied, or null for a computed expression. */
    public String copiedColumn() {
        return column;
    }

    /** Evaluates against a record; INVALID_INPUT naming the expression when CEL cannot. */
    public Object evaluate(Map<String, Object> record) {
        if (column != null) {
            return record.get(column);
        }
        Map<String, Object> vars = new HashMap<>();
        variables.forEach((v, type) -> {
            try {
                vars.put(v, CelValues.in(record.get(v), type));
            } catch (NumberFormatException e) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "expression '" + text + "' failed: column '" + v
                        + "' holds '" + shown(record.get(v)) + "', which is not a number", e);
            }
        });
        vars.put(CelValues.ROW, CelValues.row(record));
        Object r;
        try {
            r = program.eval(vars);
        } catch (CelEvaluationException e) {
            String msg = e.getCause() instanceof ArithmeticException a ? a.getMessage()
                    : e.getMessage().replaceFirst("^evaluation error( at <input>:\\d+)?: ", "");
            throw new SluiceException(ErrorKind.INVALID_INPUT, "expression '" + text + "' failed: " + msg
                    + nullHint(record));
        }
        if (r instanceof CelUnknownSet) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "expression '" + text + "' uses a value the record does "
                    + "not have");
        }
        return CelValues.out(r);
    }

    /** A value in a message, cut at 40 characters (values may be personal data). */
    private static String shown(Object v) {
        String s = String.valueOf(v);
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private String nullHint(Map<String, Object> record) {
        for (String v : variables.keySet()) {
            if (record.get(v) == null && text.matches("(?s).*\\b" + java.util.regex.Pattern.quote(v) + "\\b.*")) {
                return " (column '" + v + "' is null; test it with " + v + " == null ? … : …)";
            }
        }
        return "";
    }

    @Override
    public String toString() {
        return text;
    }
}
