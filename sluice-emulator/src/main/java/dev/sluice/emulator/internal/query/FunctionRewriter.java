package dev.sluice.emulator.internal.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Replaces each {@code Microsoft.Dynamics.CRM.X(…)} call in a decoded {@code $filter} (or
 * {@code $expand}) text with a parameter alias {@code @sluicefnN} and records the call (see
 * {@link FunctionCall} for why). Also reports an unterminated string literal with its position, as
 * Dataverse does. Not thread-safe: one per request.
 */
final class FunctionRewriter {
    static final String ALIAS_PREFIX = "@sluicefn";
    private static final String QUALIFIER = "Microsoft.Dynamics.CRM.";

    private final List<FunctionCall> calls = new ArrayList<>();

    List<FunctionCall> calls() {
        return calls;
    }

    /** The text with every query function call replaced by its alias. */
    String rewrite(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'') {
                int end = endOfString(text, i);
                out.append(text, i, end);
                i = end;
                continue;
            }
            if (text.startsWith(QUALIFIER, i) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                int nameStart = i + QUALIFIER.length();
                int j = nameStart;
                while (j < n && Character.isLetterOrDigit(text.charAt(j))) {
                    j++;
                }
                if (j < n && text.charAt(j) == '(') {
                    int close = matchingParen(text, j);
                    String name = text.substring(nameStart, j);
                    calls.add(FunctionCall.parse(QUALIFIER + name, name, text.substring(j + 1, close)));
                    out.append(ALIAS_PREFIX).append(calls.size() - 1);
                    i = close + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** Index after the closing quote of the string literal starting at {@code start}. */
    private static int endOfString(String text, int start) {
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw QueryErrors.unterminated(text, start);
    }

    private static int matchingParen(String text, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                        i++;
                    } else {
                        quote = 0;
                    }
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw QueryErrors.bad("')' or ',' expected at position " + text.length() + " in '" + text + "'.");
    }
}
