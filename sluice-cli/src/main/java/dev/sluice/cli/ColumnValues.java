package dev.sluice.cli;

import dev.sluice.dataverse.ColumnMetadata;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.Lookup;
import dev.sluice.dataverse.RecordKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Turns text (a CSV cell, a key argument) into the typed value a column takes: numbers, booleans (true/false,
 * 1/0 or the column's labels), choices by value or label, dates, GUIDs, and lookups as {@code @odata.bind}
 * references (a GUID for single-target lookups, {@code table:GUID} for customer and owner). Empty text is null.
 * Errors are {@link IllegalArgumentException}s whose message names the column and what it takes.
 */
final class ColumnValues {
    private final DataverseClient client;

    ColumnValues(DataverseClient client) {
        this.client = client;
    }

    /** The name a value is written under: the navigation property for lookups, else the logical name. */
    static String writeName(ColumnMetadata c, String target) {
        if (!c.type().isLookup()) {
            return c.logicalName();
        }
        String nav = c.navigations().get(target);
        return nav != null ? nav : c.logicalName();
    }

    /** Converts; returns a one-entry map of write name to value (lookups need the target to name it). */
    Map.Entry<String, Object> convert(ColumnMetadata c, String text) {
        if (text == null || text.isEmpty()) {
            String target = c.targets().size() == 1 ? c.targets().get(0) : null;
            if (c.type().isLookup() && target == null) {
                return null; // a polymorphic lookup cannot be cleared without knowing its navigation property
            }
            return new java.util.AbstractMap.SimpleImmutableEntry<>(writeName(c, target), null);
        }
        if (c.type().isLookup()) {
            String target;
            String id;
            int colon = text.indexOf(':');
            if (colon > 0) {
                target = text.substring(0, colon).trim();
                id = text.substring(colon + 1).trim();
                if (!c.targets().contains(target)) {
                    throw bad(c, text, "one of the tables " + String.join(", ", c.targets()) + " as TABLE:GUID");
                }
            } else if (c.targets().size() == 1) {
                target = c.targets().get(0);
                id = text.trim();
            } else {
                return null; // polymorphic without a table: not written (reported by the caller)
            }
            UUID uuid = uuid(c, id);
            String set = client.table(target).entitySetName();
            return new java.util.AbstractMap.SimpleImmutableEntry<>(writeName(c, target), Lookup.to(set, RecordKey.of(uuid)));
        }
        return new java.util.AbstractMap.SimpleImmutableEntry<>(c.logicalName(), scalar(c, text));
    }

    /** A non-lookup value (also used for alternate key values). */
    static Object scalar(ColumnMetadata c, String text) {
        String t = text.trim();
        try {
            return switch (c.type()) {
                case INTEGER -> Integer.valueOf(t);
                case BIGINT -> Long.valueOf(t);
                case DECIMAL, MONEY, DOUBLE -> new BigDecimal(t);
                case PICKLIST, STATE, STATUS -> choice(c, t);
                case BOOLEAN -> bool(c, t);
                case UNIQUEIDENTIFIER -> UUID.fromString(t);
                case DATETIME -> dateTime(t);
                default -> text;
            };
        } catch (NumberFormatException e) {
            throw bad(c, text, "a number");
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("column '")) {
                throw e;
            }
            throw bad(c, text, c.type() == dev.sluice.dataverse.AttributeType.UNIQUEIDENTIFIER ? "a GUID"
                    : "an ISO date (2024-05-01) or date-time (2024-05-01T10:00:00Z)");
        }
    }

    private static Object dateTime(String t) {
        if (t.length() == 10) {
            return LocalDate.parse(t).toString();
        }
        return Instant.parse(t).toString();
    }

    private static Integer choice(ColumnMetadata c, String t) {
        if (t.matches("-?\\d+")) {
            return Integer.valueOf(t);
        }
        for (Map.Entry<Integer, String> o : c.options().entrySet()) {
            if (o.getValue().equalsIgnoreCase(t)) {
                return o.getKey();
            }
        }
        throw bad(c, t, "a choice value or label (" + String.join(", ", c.options().values()) + ")");
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
        throw bad(c, t, "true, false, 1, 0" + (c.options().isEmpty() ? "" : " or " + String.join(", ", c.options().values())));
    }

    private static UUID uuid(ColumnMetadata c, String t) {
        try {
            return UUID.fromString(t);
        } catch (IllegalArgumentException e) {
            throw bad(c, t, "a GUID");
        }
    }

    private static IllegalArgumentException bad(ColumnMetadata c, String text, String expected) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return new IllegalArgumentException("column '" + c.wireName() + "' takes " + expected + ", not '" + shown + "'");
    }
}
