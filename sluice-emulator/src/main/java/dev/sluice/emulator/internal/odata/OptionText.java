package dev.sluice.emulator.internal.odata;

import java.util.ArrayList;
import java.util.List;

/**
 * Splitting of OData option text ({@code $select}, {@code $expand} options, {@code $apply} steps, metadata query
 * options) at a separator that stands outside parentheses and single-quoted literals. Stateless.
 */
public final class OptionText {
    /**
     * The parts of a split, and how the text was balanced: {@code closedUnopened} when a {@code )} came before its
     * {@code (}, {@code leftOpen} when a parenthesis or a quote was still open at the end.
     */
    public record Parts(List<String> parts, boolean closedUnopened, boolean leftOpen) {}

    private OptionText() {}

    /** Splits {@code text} at {@code separator} outside parentheses and single quotes, however balanced it is. */
    public static List<String> split(String text, char separator) {
        return parts(text, separator).parts();
    }

    /** Splits {@code text} at {@code separator} outside parentheses and single quotes, saying how balanced it was. */
    public static Parts parts(String text, char separator) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        boolean closedUnopened = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
                closedUnopened |= depth < 0;
            } else if (!quoted && depth == 0 && c == separator) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return new Parts(out, closedUnopened, depth != 0 || quoted);
    }
}
