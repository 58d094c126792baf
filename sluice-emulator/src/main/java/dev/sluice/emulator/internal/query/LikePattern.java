package dev.sluice.emulator.internal.query;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The string test behind {@code contains}, {@code startswith} and {@code endswith}: case-insensitive,
 * and, as in Dataverse (which turns them into SQL {@code LIKE}), {@code %}, {@code _} and
 * {@code [...]} inside the argument are wildcards (fact sheet §C.3). Immutable.
 */
final class LikePattern {
    enum Kind { CONTAINS, STARTS, ENDS }

    private final Kind kind;
    private final String lower;
    private final Pattern regex;

    LikePattern(Kind kind, String text) {
        this.kind = kind;
        boolean wild = text.indexOf('%') >= 0 || text.indexOf('_') >= 0 || text.indexOf('[') >= 0;
        this.lower = text.toLowerCase(Locale.ROOT);
        this.regex = wild ? compile(kind, text) : null;
    }

    boolean matches(String value) {
        if (regex != null) {
            return regex.matcher(value).matches();
        }
        String v = value.toLowerCase(Locale.ROOT);
        return switch (kind) {
            case CONTAINS -> v.contains(lower);
            case STARTS -> v.startsWith(lower);
            case ENDS -> v.endsWith(lower);
        };
    }

    private static Pattern compile(Kind kind, String text) {
        StringBuilder re = new StringBuilder();
        if (kind != Kind.STARTS) {
            re.append(".*");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else if (c == '[') {
                int close = text.indexOf(']', i + 1);
                if (close < 0) {
                    re.append(Pattern.quote("["));
                    continue;
                }
                String set = text.substring(i + 1, close);
                boolean negate = set.startsWith("^");
                re.append('[').append(negate ? "^" : "");
                for (char s : (negate ? set.substring(1) : set).toCharArray()) {
                    if (Character.isLetterOrDigit(s) || s == '-') {
                        re.append(s);
                    } else {
                        re.append('\\').append(s);
                    }
                }
                re.append(']');
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (kind != Kind.ENDS) {
            re.append(".*");
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}
