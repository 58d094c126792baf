package dev.sluice.emulator.internal.limits;

import java.util.regex.Pattern;

/**
 * Turns a raw request path into the template requests are counted under: the text in a segment's
 * parentheses becomes {@code {key}} ({@code accounts(…)} → {@code accounts({key})}, while
 * {@code WhoAmI()} stays), and a segment that is a GUID becomes {@code {id}} (a tenant id). Stateless.
 */
final class PathTemplate {
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private PathTemplate() {}

    static String of(String rawPath) {
        StringBuilder out = new StringBuilder(rawPath.length());
        int start = 0;
        while (start <= rawPath.length()) {
            int slash = rawPath.indexOf('/', start);
            int end = slash < 0 ? rawPath.length() : slash;
            out.append(segment(rawPath.substring(start, end)));
            if (slash < 0) {
                break;
            }
            out.append('/');
            start = slash + 1;
        }
        return out.toString();
    }

    private static String segment(String s) {
        if (GUID.matcher(s).matches()) {
            return "{id}";
        }
        int open = s.indexOf('(');
        if (open >= 0 && s.endsWith(")") && s.length() - open > 2) {
            return s.substring(0, open) + "({key})";
        }
        return s;
    }
}
