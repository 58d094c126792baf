package dev.sluice.emulator.internal.query;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a {@code $filter} text stops being well formed, so that a syntax error Olingo reports
 * without a position can be answered as Dataverse does ("Syntax error at position N in '…'."). This
 * is a token-sequence check (operand, operator, operand…, balanced parentheses), not a parser: Olingo
 * does the parsing. Stateless.
 */
final class FilterSyntax {
    private static final Pattern TOKEN = Pattern.compile(
            "\\s+|(?<str>'(?:[^']|'')*')|(?<guid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                    + "[0-9a-fA-F]{12})|(?<date>\\d{4}-\\d{2}-\\d{2}(?:T[0-9:.]+(?:Z|[+-]\\d{2}:\\d{2})?)?)"
                    + "|(?<num>-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?[mMdDfFlL]?)|(?<alias>@\\w+)"
                    + "|(?<path>[A-Za-z_$][\\w.]*(?:/[A-Za-z_$][\\w.]*)*)|(?<punct>[(),:])");
    private static final Set<String> BINARY = Set.of("eq", "ne", "gt", "ge", "lt", "le", "and", "or", "has", "in",
            "add", "sub", "mul", "div", "mod");

    private FilterSyntax() {}

    /** Position of the first syntax error, or -1 when the token sequence looks well formed. */
    static int errorPosition(String text) {
        Matcher m = TOKEN.matcher(text);
        boolean expectOperand = true;
        Deque<Integer> parens = new ArrayDeque<>();
        int pos = 0;
        while (pos < text.length()) {
            m.region(pos, text.length());
            if (!m.lookingAt()) {
                return pos;
            }
            int start = pos;
            pos = m.end();
            if (m.group().isBlank()) {
                continue;
            }
            String word = m.group("path");
            if (m.group("punct") != null) {
                char c = m.group("punct").charAt(0);
                if (c == '(') {
                    if (!expectOperand) {
                        return start;
                    }
                    parens.push(start);
                } else if (c == ')') {
                    if (parens.isEmpty() || (expectOperand && text.charAt(lastNonBlank(text, start)) != '(')) {
                        return start;
                    }
                    parens.pop();
                    expectOperand = false;
                } else {
                    if (expectOperand || parens.isEmpty()) {
                        return start;
                    }
                    expectOperand = true;
                }
            } else if (word != null && BINARY.contains(word)) {
                if (expectOperand) {
                    return start;
                }
                expectOperand = true;
            } else if (word != null && word.equals("not")) {
                if (!expectOperand) {
                    return start;
                }
            } else {
                if (!expectOperand) {
                    return start;
                }
                expectOperand = false;
                if (word != null && pos < text.length() && text.charAt(pos) == '(') {
                    parens.push(pos);
                    pos++;
                    expectOperand = true;
                }
            }
        }
        if (expectOperand || !parens.isEmpty()) {
            return text.length();
        }
        return -1;
    }

    private static int lastNonBlank(String text, int before) {
        int i = before - 1;
        while (i > 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        return Math.max(i, 0);
    }
}
