package dev.sluice.flow.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations written as {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d} (optionally after {@code every}). Stateless. */
public final class DurationText {
    private static final Pattern FORM = Pattern.compile("(?:every\\s+)?(\\d{1,6})\\s*(s|m|h|d)");

    private DurationText() {}

    /** The duration, or null when the text is not of that form. */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
