package dev.sluice.emulator.internal.metadata;

import dev.sluice.emulator.internal.odata.OptionText;
import java.util.List;

/** Splitting of OData option text that respects parentheses and quoted literals. Stateless. */
final class Syntax {
    private Syntax() {}

    /** Splits {@code text} at {@code separator} where it is outside parentheses and single quotes. */
    static List<String> split(String text, char separator) {
        OptionText.Parts p = OptionText.parts(text, separator);
        if (p.closedUnopened()) {
            throw MetadataErrors.badQuery("Unbalanced parentheses in '" + text + "'.");
        }
        if (p.leftOpen()) {
            throw MetadataErrors.badQuery("Unbalanced parentheses or quotes in '" + text + "'.");
        }
        return p.parts();
    }
}
