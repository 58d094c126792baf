package dev.sluice.cli;

import java.util.Locale;

/** What an empty cell of an input file means to {@code sluice import} ({@code --empty}). */
enum EmptyCells {
    /** Leave the column out: a new row gets its default, an existing row keeps its value. The default. */
    KEEP,
    /** Clear the column (write null); refused for required columns. */
    NULL;

    /** {@code keep} or {@code null}; IllegalArgumentException otherwise. */
    static EmptyCells of(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "keep" -> KEEP;
            case "null" -> NULL;
            default -> throw new IllegalArgumentException("--empty takes keep or null, not '" + text + "'");
        };
    }
}
