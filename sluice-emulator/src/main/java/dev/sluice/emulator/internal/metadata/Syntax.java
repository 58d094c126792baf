package dev.sluice.emulator.internal.metadata;

import java.util.ArrayList;
import java.util.List;

/** Splitting of OData option text that respects parentheses and quoted literals. Stateless. */
final class Syntax {
    private Syntax() {}

    /** Splits {@code text} at {@code separator} where it is outside parentheses and single quotes. */
    static List<String> split(String text, char separator) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
                if (depth < 0) {
                    throw MetadataErrors.badQuery("Unbalanced parentheses in '" + text + "'.");
                }
            } else if (!quoted && depth == 0 && c == separator) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0 || quoted) {
            throw MetadataErrors.badQuery("Unbalanced parentheses or quotes in '" + text + "'.");
        }
        out.add(text.substring(start));
        return out;
    }
}
