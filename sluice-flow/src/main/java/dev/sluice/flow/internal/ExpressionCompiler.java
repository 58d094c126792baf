package dev.sluice.flow.internal;

import dev.cel.bundle.Cel;
import dev.sluice.core.NearestName;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
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

    private final TableSchema table;
    private final Map<String, CelType> declared = new LinkedHashMap<>();
    private final Cel cel;

    /** Declares {@code visible} columns of {@code table} (all columns when empty). */
    public ExpressionCompiler(TableSchema table, List<String> visible) {
        this.table = table;
        CelBuilder b = CelFactory.standardCelBuilder().addVar(CelValues.ROW, CelValues.ROW_TYPE);
        for (ColumnSchema c : table.columns()) {
            if ((visible.isEmpty() || visible.contains(c.name())) && CelValues.identifier(c.name())) {
                declared.put(c.name(), CelValues.type(c.kind()));
                b.addVar(c.name(), CelValues.type(c.kind()));
            }
        }
        this.cel = b.build();
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
            return Expression.program(text, cel.createProgram(ast), ast.getResultType(), declared.keySet(), ast);
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
            return new Failure("CEL expression '" + text + "' does not compile: " + msg, null, offset);
        } catch (CelEvaluationException e) {
            return new Failure("CEL expression '" + text + "' cannot be prepared: " + e.getMessage(), null, 0);
        }
    }
}
