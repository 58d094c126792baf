package dev.sluice.emulator.internal.metadata;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a metadata {@code $filter} into tokens: parentheses, commas, quoted strings, qualified enum
 * literals ({@code Microsoft.Dynamics.CRM.OwnershipTypes'UserOwned'}) and words (names, keywords,
 * numbers, GUIDs). Not thread-safe; one per parse.
 */
final class FilterTokens {
    enum Kind { OPEN, CLOSE, COMMA, STRING, ENUM, WORD, END }

    /** One token; for ENUM, {@code text} is the member and {@code enumType} the qualified type name. */
    record Token(Kind kind, String text, String enumType, int position) {}

    private final String source;
    private final List<Token> tokens = new ArrayList<>();
    private int next;

    FilterTokens(String source) {
        this.source = source;
        tokenize();
    }

    String source() {
        return source;
    }

    Token peek() {
        return tokens.get(next);
    }

    Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.END) {
            next++;
        }
        return t;
    }

    /** Whether the next token is the word {@code w} (keywords are case-sensitive, as in OData). */
    boolean atWord(String w) {
        Token t = peek();
        return t.kind() == Kind.WORD && t.text().equals(w);
    }

    Token expect(Kind kind) {
        Token t = take();
        if (t.kind() != kind) {
            throw syntaxError(t.position());
        }
        return t;
    }

    RuntimeException syntaxError(int position) {
        return MetadataErrors.badQuery("Syntax error at position " + position + " in '" + source + "'.");
    }

    private void tokenize() {
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Kind.OPEN, "(", null, i++));
            } else if (c == ')') {
                tokens.add(new Token(Kind.CLOSE, ")", null, i++));
            } else if (c == ',') {
                tokens.add(new Token(Kind.COMMA, ",", null, i++));
            } else if (c == '\'') {
                int start = i;
                StringBuilder sb = new StringBuilder();
                i = quoted(i, sb);
                tokens.add(new Token(Kind.STRING, sb.toString(), null, start));
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(source.charAt(i)) && "(),'".indexOf(source.charAt(i)) < 0) {
                    i++;
                }
                String word = source.substring(start, i);
                if (i < n && source.charAt(i) == '\'' && word.contains(".")) {
                    StringBuilder sb = new StringBuilder();
                    i = quoted(i, sb);
                    tokens.add(new Token(Kind.ENUM, sb.toString(), word, start));
                } else {
                    tokens.add(new Token(Kind.WORD, word, null, start));
                }
            }
        }
        tokens.add(new Token(Kind.END, "", null, n));
    }

    /** Reads a quoted literal starting at {@code open}; returns the index after the closing quote. */
    private int quoted(int open, StringBuilder into) {
        int i = open + 1;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\'') {
                if (i + 1 < source.length() && source.charAt(i + 1) == '\'') {
                    into.append('\'');
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            into.append(c);
            i++;
        }
        throw MetadataErrors.badQuery("There is an unterminated literal at position " + open + " in '" + source + "'.");
    }
}
