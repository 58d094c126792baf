package dev.sluice.emulator.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.odata.QueryFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code Microsoft.Dynamics.CRM.X(PropertyName='col',PropertyValue(s)=…)} call taken out of a
 * {@code $filter} before Olingo parses it.
 *
 * <p>Why: Olingo's URI parser cannot read the JSON-array literal of {@code PropertyValues=["a","b"]}
 * (it expects OData collection literals in parameter aliases only), so {@link FunctionRewriter}
 * replaces every call with a parameter alias ({@code @sluicefn0}) that Olingo accepts as a boolean
 * operand, keeps the call here, and the filter compiler evaluates the alias as this call. Only the
 * argument list is read here (a name, a quoted string, a number or a JSON array); the surrounding
 * expression is parsed by Olingo.
 *
 * @param function the query function
 * @param propertyName the column named by {@code PropertyName}
 * @param values {@code PropertyValue} (one element) or {@code PropertyValues}; empty when none
 */
record FunctionCall(QueryFunction function, String propertyName, List<String> values) {
    FunctionCall {
        values = List.copyOf(values);
    }

    /** Parses the text between the parentheses of a call to {@code qualifiedName}. */
    static FunctionCall parse(String qualifiedName, String name, String args) {
        QueryFunction f = QueryFunction.byName(name);
        if (f == null) {
            throw QueryErrors.bad("An unknown function with name '" + qualifiedName + "' was found. This may also be "
                    + "a function import or a key lookup on a navigation property, which is not allowed.");
        }
        String property = null;
        List<String> values = new ArrayList<>();
        boolean hasValue = false;
        for (String arg : splitTopLevel(args)) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw signature(qualifiedName, f);
            }
            String key = arg.substring(0, eq).trim();
            String value = arg.substring(eq + 1).trim();
            switch (key) {
                case "PropertyName" -> property = unquote(value);
                case "PropertyValue" -> {
                    if (f.argument() != QueryFunction.Argument.VALUE) {
                        throw signature(qualifiedName, f);
                    }
                    values.add(unquote(value));
                    hasValue = true;
                }
                case "PropertyValues" -> {
                    if (f.argument() != QueryFunction.Argument.VALUES) {
                        throw signature(qualifiedName, f);
                    }
                    values.addAll(array(value));
                    hasValue = true;
                }
                default -> throw signature(qualifiedName, f);
            }
        }
        if (property == null || hasValue != (f.argument() != QueryFunction.Argument.NONE)) {
            throw signature(qualifiedName, f);
        }
        if ((f == QueryFunction.BETWEEN || f == QueryFunction.NOT_BETWEEN) && values.size() != 2) {
            throw QueryErrors.bad("The function '" + qualifiedName + "' needs exactly two PropertyValues, got "
                    + values.size() + ".");
        }
        if ((f == QueryFunction.IN || f == QueryFunction.NOT_IN) && values.isEmpty()) {
            throw QueryErrors.bad("The function '" + qualifiedName + "' needs at least one value in PropertyValues.");
        }
        return new FunctionCall(f, property, values);
    }

    private static ApiException signature(String qualifiedName, QueryFunction f) {
        String params = switch (f.argument()) {
            case NONE -> "PropertyName Edm.String";
            case VALUE -> "PropertyName Edm.String, PropertyValue Edm.String";
            case VALUES -> "PropertyName Edm.String, PropertyValues Collection(Edm.String)";
        };
        return QueryErrors.bad("No function signature for the function with name '" + qualifiedName
                + "' matches the specified arguments. The function signatures considered are: " + f.functionName()
                + "(" + params + ").");
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1).replace("''", "'");
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static List<String> array(String text) {
        JsonNode node;
        try {
            node = Json.LENIENT.readTree(text);
        } catch (Exception e) {
            throw QueryErrors.bad("PropertyValues must be a JSON array such as [\"a\",\"b\"], got '" + text + "'.");
        }
        if (node == null || !node.isArray()) {
            throw QueryErrors.bad("PropertyValues must be a JSON array such as [\"a\",\"b\"], got '" + text + "'.");
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.isNull() ? null : n.asText()));
        return out;
    }

    /** Splits on commas outside quotes and brackets. */
    static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                        i++;
                    } else {
                        quote = 0;
                    }
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        if (!s.substring(start).isBlank() || !out.isEmpty()) {
            out.add(s.substring(start));
        }
        return out;
    }
}
