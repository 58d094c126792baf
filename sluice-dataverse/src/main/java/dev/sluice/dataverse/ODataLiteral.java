package dev.sluice.dataverse;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes values and names into OData URL text safely: strings quoted with {@code '} doubled, GUIDs
 * bare, dates in ISO form; names checked against the identifier grammar. Nothing a caller passes is
 * concatenated into a URL without going through here. Stateless.
 */
public final class ODataLiteral {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(/[A-Za-z_][A-Za-z0-9_]*)*");

    private ODataLiteral() {}

    /** The literal for a value: {@code 'O''Brien'}, {@code 42}, {@code true}, {@code null}, a bare GUID. */
    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "a filter value must be a finite number, got " + d);
            }
            return BigDecimal.valueOf(d).toPlainString();
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof UUID u) {
            return u.toString();
        }
        if (value instanceof Instant i) {
            return DateTimeFormatter.ISO_INSTANT.format(i);
        }
        if (value instanceof OffsetDateTime o) {
            return DateTimeFormatter.ISO_INSTANT.format(o.toInstant());
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof Enum<?> e) {
            return "'" + e.name().replace("'", "''") + "'";
        }
        throw new SluiceException(ErrorKind.INVALID_INPUT,
                "cannot use a " + value.getClass().getSimpleName() + " as an OData value");
    }

    /** Checks a column or navigation path such as {@code name} or {@code primarycontactid/fullname}. */
    public static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "'" + name + "' is not a valid column name "
                    + "(letters, digits and _; navigation paths joined with /)");
        }
        return name;
    }
}
