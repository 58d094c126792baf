package dev.sluice.emulator.internal.fetch;

import java.util.regex.Pattern;

/**
 * SQL Server's {@code LIKE}, which FetchXML's {@code like}, {@code begins-with} and {@code ends-with} become:
 * {@code %} any run, {@code _} one character, {@code [abc]}/{@code [^abc]} a set, case-insensitive, the whole value
 * matched. Immutable and thread-safe.
 */
final class SqlLike {
    private final Pattern regex;

    SqlLike(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else if (c == '[' && pattern.indexOf(']', i + 1) > i + 1) {
                int close = pattern.indexOf(']', i + 1);
                String set = pattern.substring(i + 1, close);
                boolean negate = set.startsWith("^");
                re.append('[').append(negate ? "^" : "");
                for (char s : (negate ? set.substring(1) : set).toCharArray()) {
                    re.append(Character.isLetterOrDigit(s) || s == '-' ? String.valueOf(s) : "\\" + s);
                }
                re.append(']');
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        regex = Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    boolean matches(String value) {
        return regex.matcher(value).matches();
    }
}
