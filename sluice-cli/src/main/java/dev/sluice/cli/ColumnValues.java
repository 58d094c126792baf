package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.ColumnMetadata;
import dev.sluice.dataverse.Lookup;
import dev.sluice.dataverse.RecordKey;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns text (a CSV cell, a key argument) into the typed value a column takes: numbers, booleans (true/false,
 * 1/0 or the column's labels), choices by value or label (checked against the column's options), dates, GUIDs,
 * and lookups as {@code @odata.bind} references (a GUID for single-target lookups, {@code table:GUID} for customer
 * and owner). Whatever the text, the only failure is an INVALID_INPUT {@link SluiceException} whose message names
 * the column, the value and the form it takes. Stateless apart from the entity-set names it is given.
 */
final class ColumnValues {
    /** Dataverse's datetime range (SQL Server {@code datetime}): 1753-01-01 to 9999-12-31. */
    private static final LocalDate FIRST_DAY = LocalDate.of(1753, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    /** Dataverse's largest numbers: money ±922,337,203,685,477; decimal and float ±100,000,000,000 (15 digits). */
    private static final int MAX_INTEGER_DIGITS = 15;
    /** Dataverse keeps at most 10 decimal places (decimal columns); money 4, float 5. */
    private static final int MAX_SCALE = 10;
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    /** How many choice labels an error lists before "…". */
    private static final int LABELS_SHOWN = 8;

    private final UnaryOperator<String> entitySet;

    /** {@code entitySet}: a table's entity set name by logical name (the client's {@code table(t).entitySetName()}). */
    ColumnValues(UnaryOperator<String> entitySet) {
        this.entitySet = entitySet;
    }

    /** The name a value is written under: the navigation property for lookups, else the logical name. */
    static String writeName(ColumnMetadata c, String target) {
        if (!c.type().isLookup()) {
            return c.logicalName();
        }
        String nav = c.navigations().get(target);
        return nav != null ? nav : c.logicalName();
    }

    /**
     * Puts a cell's value into {@code record}. An empty cell is left out ({@link EmptyCells#KEEP}) or clears
     * the column ({@link EmptyCells#NULL}), except in a key column or a required one, where it is an error.
     */
    void put(Map<String, Object> record, ColumnMetadata c, String text, EmptyCells empty, boolean key) {
        if (text == null || text.isEmpty()) {
            if (key) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "key column '" + c.wireName() + "' is empty; "
                        + "every line needs its key");
            }
            if (empty == EmptyCells.KEEP) {
                return;
            }
            if (c.required()) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "column '" + c.wireName() + "' is required: an "
                        + "empty cell cannot clear it (give a value, or --empty keep to leave it as it is)");
            }
        }
        Map.Entry<String, Object> e = convert(c, text);
        if (e != null) {
            record.put(e.getKey(), e.getValue());
        }
    }

    /**
     * Converts; returns a one-entry map of write name to value (lookups need the target to name it), or null
     * when nothing can be written (an empty or table-less value of a lookup that may point to several tables).
     */
    Map.Entry<String, Object> convert(ColumnMetadata c, String text) {
        if (text == null || text.isEmpty()) {
            String target = c.targets().size() == 1 ? c.targets().get(0) : null;
            if (c.type().isLookup() && target == null) {
                return null; // a polymorphic lookup cannot be cleared without knowing its navigation property
            }
            return new AbstractMap.SimpleImmutableEntry<>(writeName(c, target), null);
        }
        if (c.type().isLookup()) {
            return lookup(c, text);
        }
        return new AbstractMap.SimpleImmutableEntry<>(c.logicalName(), scalar(c, text));
    }

    private Map.Entry<String, Object> lookup(ColumnMetadata c, String text) {
        String target;
        String id;
        int colon = text.indexOf(':');
        if (colon > 0) {
            target = text.substring(0, colon).trim();
            id = text.substring(colon + 1).trim();
            if (!c.targets().contains(target)) {
                throw bad(c, text, "a GUID as TABLE:GUID with TABLE one of " + String.join(", ", c.targets()));
            }
        } else if (c.targets().size() == 1) {
            target = c.targets().get(0);
            id = text.trim();
        } else {
            return null; // polymorphic without a table: not written (an export writes bare GUIDs here)
        }
        if (!GUID.matcher(id).matches()) {
            throw bad(c, text, c.targets().size() == 1 ? "a GUID (the id of a " + target + ")"
                    : "TABLE:GUID with TABLE one of " + String.join(", ", c.targets()));
        }
        String set;
        try {
            set = entitySet.apply(target);
        } catch (RuntimeException e) {
            throw bad(c, text, "a GUID of a table this org has");
        }
        return new AbstractMap.SimpleImmutableEntry<>(writeName(c, target), Lookup.to(set, RecordKey.of(
                UUID.fromString(id))));
    }

    /** A non-lookup value (also used for alternate key values); never anything but a "bad value" error. */
    static Object scalar(ColumnMetadata c, String text) {
        String t = text.trim();
        try {
            return switch (c.type()) {
                case INTEGER -> integer(c, t, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
                case BIGINT -> integer(c, t, Long.MIN_VALUE, Long.MAX_VALUE);
                case DECIMAL, MONEY, DOUBLE -> decimal(c, t);
                case PICKLIST, STATE, STATUS -> choice(c, t);
                case BOOLEAN -> bool(c, t);
                case UNIQUEIDENTIFIER -> guid(c, t);
                case DATETIME -> dateTime(c, t);
                default -> text;
            };
        } catch (SluiceException e) {
            throw e;
        } catch (RuntimeException e) {
            throw bad(c, text, expected(c));
        }
    }

    /** What a column of this type takes, in words. */
    private static String expected(ColumnMetadata c) {
        return switch (c.type()) {
            case INTEGER, BIGINT -> "a whole number";
            case DECIMAL, MONEY, DOUBLE -> "a number such as 1234.56";
            case PICKLIST, STATE, STATUS -> choices(c);
            case BOOLEAN -> booleans(c);
            case UNIQUEIDENTIFIER -> "a GUID such as 6f1c2d3e-0000-4a5b-8c9d-0e1f2a3b4c5d";
            case DATETIME -> "an ISO date (2024-05-01) or date-time with a zone (2024-05-01T10:00:00Z)";
            default -> "text";
        };
    }

    private static Long integer(ColumnMetadata c, String t, long min, long max) {
        long v;
        try {
            v = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw bad(c, t, "a whole number");
        }
        if (v < min || v > max) {
            throw bad(c, t, "a whole number from " + min + " to " + max);
        }
        return v;
    }

    private static BigDecimal decimal(ColumnMetadata c, String t) {
        BigDecimal d;
        try {
            d = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw bad(c, t, "a number such as 1234.56");
        }
        if (d.precision() - d.scale() > MAX_INTEGER_DIGITS || d.scale() > MAX_SCALE && d.stripTrailingZeros().scale()
                > MAX_SCALE) {
            throw bad(c, t, "a number of at most " + MAX_INTEGER_DIGITS + " digits before the point and "
                    + MAX_SCALE + " after it");
        }
        return d;
    }

    private static Object dateTime(ColumnMetadata c, String t) {
        String expected = "an ISO date (2024-05-01) or date-time with a zone (2024-05-01T10:00:00Z)";
        LocalDate day;
        String value;
        try {
            if (t.length() == 10) {
                day = LocalDate.parse(t);
                value = day.toString();
            } else {
                OffsetDateTime at = OffsetDateTime.parse(t);
                day = at.atZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDate();
                value = at.toInstant().toString();
            }
        } catch (DateTimeParseException e) {
            throw bad(c, t, expected);
        }
        if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
            throw bad(c, t, "a date from " + FIRST_DAY + " to " + LAST_DAY);
        }
        return value;
    }

    private static UUID guid(ColumnMetadata c, String t) {
        if (!GUID.matcher(t).matches()) {
            throw bad(c, t, "a GUID such as 6f1c2d3e-0000-4a5b-8c9d-0e1f2a3b4c5d");
        }
        return UUID.fromString(t);
    }

    private static Integer choice(ColumnMetadata c, String t) {
        if (t.matches("-?\\d{1,10}")) {
            long v = Long.parseLong(t);
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE
                    && (c.options().isEmpty() || c.options().containsKey((int) v))) {
                return (int) v;
            }
            throw bad(c, t, choices(c));
        }
        for (Map.Entry<Integer, String> o : c.options().entrySet()) {
            if (o.getValue().equalsIgnoreCase(t)) {
                return o.getKey();
            }
        }
        throw bad(c, t, choices(c));
    }

    /** "one of its choices: 1 Accounting, 2 Agriculture, … (describe the table for all 33)". */
    private static String choices(ColumnMetadata c) {
        if (c.options().isEmpty()) {
            return "a choice value";
        }
        String shown = c.options().entrySet().stream().limit(LABELS_SHOWN).map(o -> o.getKey() + " " + o.getValue())
                .collect(Collectors.joining(", "));
        return "one of its choices by value or label: " + shown + (c.options().size() > LABELS_SHOWN
                ? ", … (describe the table for all " + c.options().size() + ")" : "");
    }

    private static Boolean bool(ColumnMetadata c, String t) {
        String v = t.toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("1")) {
            return true;
        }
        if (v.equals("false") || v.equals("0")) {
            return false;
        }
        for (Map.Entry<Integer, String> o : c.options().entrySet()) {
            if (o.getValue().equalsIgnoreCase(t)) {
                return o.getKey() == 1;
            }
        }
        throw bad(c, t, booleans(c));
    }

    private static String booleans(ColumnMetadata c) {
        return "true, false, 1, 0" + (c.options().isEmpty() ? "" : " or " + String.join(", ", c.options().values()));
    }

    private static SluiceException bad(ColumnMetadata c, String text, String expected) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return new SluiceException(ErrorKind.INVALID_INPUT, "column '" + c.wireName() + "' takes " + expected
                + ", not '" + shown + "'");
    }
}
