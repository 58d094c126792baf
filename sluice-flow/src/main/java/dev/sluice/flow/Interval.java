package dev.sluice.flow;

import dev.sluice.flow.internal.DurationText;
import java.time.Duration;
import java.util.Optional;

/**
 * Intervals as flow files write them ({@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}, also after {@code every}),
 * and in words. Stateless.
 */
public final class Interval {
    private Interval() {}

    /** The interval, or empty when the text is not of that form. */
    public static Optional<Duration> parse(String text) {
        return text == null ? Optional.empty() : Optional.ofNullable(DurationText.parse(text));
    }

    /** {@code 90s} as {@code 90s}, {@code 300s} as {@code 5m}: the largest unit that divides it. */
    public static String text(Duration d) {
        long s = d.toSeconds();
        if (s > 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s > 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s > 0 && s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** {@code every 15 minutes}, {@code every hour}, {@code every 2 days}. */
    public static String words(Duration d) {
        String t = text(d);
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        String unit = switch (t.charAt(t.length() - 1)) {
            case 'd' -> "day";
            case 'h' -> "hour";
            case 'm' -> "minute";
            default -> "second";
        };
        return "every " + (n == 1 ? unit : n + " " + unit + "s");
    }
}
