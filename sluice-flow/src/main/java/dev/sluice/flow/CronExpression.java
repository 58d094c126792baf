package dev.sluice.flow;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A standard five-field cron expression in UTC ({@code minute hour day-of-month month day-of-week}), as a flow's
 * {@code schedule: "cron 0 6 * * 1-5"}: each field is {@code *}, a number, a range {@code a-b}, a step {@code * /n} or
 * {@code a-b/n}, or a list of those; months and days may be named ({@code JAN}, {@code MON}); Sunday is 0 or 7. As in
 * Vixie cron, when both day fields are restricted a day matches if either does. Immutable and thread-safe.
 */
public final class CronExpression {
    /** How far ahead {@link #next} looks before saying the expression never fires (e.g. 30 February). */
    private static final int YEARS_AHEAD = 8;
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
            "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private final String text;
    private final Field minutes;
    private final Field hours;
    private final Field days;
    private final Field months;
    private final Field weekdays;

    /** One field: the values it allows, and how it was written. */
    private record Field(BitSet allowed, String text, boolean any) {
        boolean has(int v) {
            return allowed.get(v);
        }
    }

    private CronExpression(String text, Field minutes, Field hours, Field days, Field months, Field weekdays) {
        this.text = text;
        this.minutes = minutes;
        this.hours = hours;
        this.days = days;
        this.months = months;
        this.weekdays = weekdays;
    }

    /** Parses the five fields; INVALID_INPUT naming the field that is wrong and what it allows. */
    public static CronExpression parse(String expression) {
        String t = expression == null ? "" : expression.strip().replaceAll("\\s+", " ");
        String[] f = t.isEmpty() ? new String[0] : t.split(" ");
        if (f.length != 5) {
            throw invalid("a cron expression has five fields (minute hour day-of-month month day-of-week, e.g. "
                    + "'0 6 * * 1-5' for 06:00 UTC on weekdays), not " + f.length);
        }
        Field weekdays = field(f[4], "day of week", 0, 7, DAYS);
        if (weekdays.allowed().get(7)) {
            weekdays.allowed().set(0);
            weekdays.allowed().clear(7);
        }
        return new CronExpression(t, field(f[0], "minute", 0, 59, null), field(f[1], "hour", 0, 23, null),
                field(f[2], "day of month", 1, 31, null), field(f[3], "month", 1, 12, MONTHS), weekdays);
    }

    private static Field field(String text, String what, int min, int max, String[] names) {
        BitSet out = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), what, 1, max, null);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.indexOf('-') > 0) {
                from = number(range.substring(0, range.indexOf('-')), what, min, max, names);
                to = number(range.substring(range.indexOf('-') + 1), what, min, max, names);
                if (to < from) {
                    throw invalid("the " + what + " range '" + range + "' ends before it starts");
                }
            } else {
                from = number(range, what, min, max, names);
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                out.set(v);
            }
        }
        return new Field(out, text, text.equals("*"));
    }

    private static int number(String s, String what, int min, int max, String[] names) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(s)) {
                    return names == MONTHS ? i + 1 : i;
                }
            }
        }
        try {
            int v = Integer.parseInt(s);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw invalid("the " + what + " field has '" + s + "'; use " + min + "-" + max
                + (names == null ? "" : " or a name such as " + names[1]) + ", '*', ranges (a-b), steps (*/n) and lists "
                + "(a,b)");
    }

    private static SluiceException invalid(String message) {
        return new SluiceException(ErrorKind.INVALID_INPUT, message);
    }

    /** The expression as written (fields separated by one space). */
    public String text() {
        return text;
    }

    /** The first time after {@code after} (UTC, whole minutes) it fires, or empty when it never does. */
    public Optional<Instant> next(Instant after) {
        LocalDateTime t = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime end = t.plusYears(YEARS_AHEAD);
        while (t.isBefore(end)) {
            if (!months.has(t.getMonthValue())) {
                t = t.withDayOfMonth(1).withHour(0).withMinute(0).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.withHour(0).withMinute(0).plusDays(1);
            } else if (!hours.has(t.getHour())) {
                t = t.withMinute(0).plusHours(1);
            } else if (!minutes.has(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return Optional.of(t.toInstant(ZoneOffset.UTC));
            }
        }
        return Optional.empty();
    }

    /** The next {@code n} times after {@code after}. */
    public List<Instant> next(Instant after, int n) {
        List<Instant> out = new ArrayList<>();
        Instant at = after;
        for (int i = 0; i < n; i++) {
            Optional<Instant> t = next(at);
            if (t.isEmpty()) {
                break;
            }
            out.add(t.get());
            at = t.get();
        }
        return out;
    }

    private boolean dayMatches(LocalDateTime t) {
        boolean dom = days.has(t.getDayOfMonth());
        boolean dow = weekdays.has(t.getDayOfWeek().getValue() % 7);
        if (days.any() || weekdays.any()) {
            return dom && dow;
        }
        return dom || dow;
    }

    /** In words: {@code at 06:00 on Monday to Friday (UTC)}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (single(minutes) && single(hours)) {
            b.append("at ").append(String.format(Locale.ROOT, "%02d:%02d", hours.allowed().nextSetBit(0),
                    minutes.allowed().nextSetBit(0)));
        } else if (minutes.any() && hours.any()) {
            b.append("every minute");
        } else {
            b.append(minutes.any() ? "every minute" : single(minutes) ? "at minute " + minutes.allowed().nextSetBit(0)
                    : "at minutes " + list(minutes, null));
            b.append(hours.any() ? " of every hour" : single(hours) ? " of hour " + hours.allowed().nextSetBit(0)
                    : " of hours " + list(hours, null));
        }
        boolean anyDay = days.any() && weekdays.any();
        if (anyDay) {
            b.append(" every day");
        } else {
            List<String> on = new ArrayList<>();
            if (!days.any()) {
                on.add((single(days) ? "day " : "days ") + list(days, null) + " of the month");
            }
            if (!weekdays.any()) {
                on.add(list(weekdays, v -> DayOfWeek.of(v == 0 ? 7 : v).getDisplayName(TextStyle.FULL, Locale.ENGLISH)));
            }
            b.append(" on ").append(String.join(" or ", on));
        }
        if (!months.any()) {
            b.append(" in ").append(list(months, v -> Month.of(v).getDisplayName(TextStyle.FULL, Locale.ENGLISH)));
        }
        return b.append(" (UTC)").toString();
    }

    private static boolean single(Field f) {
        return f.allowed().cardinality() == 1;
    }

    /** The allowed values as runs: {@code 1-5}, {@code Monday to Friday}, {@code 0, 15, 30 and 45}. */
    private static String list(Field f, java.util.function.IntFunction<String> name) {
        List<String> runs = new ArrayList<>();
        BitSet s = f.allowed();
        for (int v = s.nextSetBit(0); v >= 0; ) {
            int end = v;
            while (s.get(end + 1)) {
                end++;
            }
            String a = name == null ? Integer.toString(v) : name.apply(v);
            String z = name == null ? Integer.toString(end) : name.apply(end);
            runs.add(end == v ? a : end == v + 1 ? a + ", " + z : a + (name == null ? "-" : " to ") + z);
            v = s.nextSetBit(end + 1);
        }
        if (runs.size() == 1) {
            return runs.get(0);
        }
        return String.join(", ", runs.subList(0, runs.size() - 1)) + " and " + runs.get(runs.size() - 1);
    }

    @Override
    public String toString() {
        return "cron " + text;
    }
}
