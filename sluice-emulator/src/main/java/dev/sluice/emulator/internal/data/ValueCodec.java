package dev.sluice.emulator.internal.data;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.schema.ColumnDef;
import dev.sluice.emulator.internal.schema.TableDef;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/**
 * Converts column values between their stored Java form and the wire: JSON bodies, URL key literals,
 * JSON output and formatted values. Stateless and thread-safe.
 */
public final class ValueCodec {
    private static final DateTimeFormatter FORMATTED_DATE =
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm a", Locale.US).withZone(ZoneOffset.UTC);

    private ValueCodec() {}

    /** Typed value of a JSON body property for a (non-lookup) column; a wrong type is a 400 that names it. */
    public static Object fromJson(TableDef table, ColumnDef column, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return switch (column.type()) {
                case STRING, MEMO -> {
                    if (!node.isTextual()) {
                        throw typeError(table, column, node);
                    }
                    String s = node.textValue();
                    if (column.maxLength() > 0 && s.length() > column.maxLength()) {
                        throw ApiException.badRequest(DataverseErrorCodes.VALIDATION,
                                "The length of the '" + column.name() + "' attribute of the '" + table.logicalName()
                                        + "' entity exceeded the maximum allowed length of '" + column.maxLength()
                                        + "'.");
                    }
                    yield s;
                }
                case INTEGER, PICKLIST, STATE, STATUS -> {
                    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                        throw typeError(table, column, node);
                    }
                    int v = node.intValue();
                    if (column.type().hasOptions() && column.label(v) == null) {
                        throw ApiException.badRequest(DataverseErrorCodes.INVALID_ARGUMENT,
                                "A validation error occurred. The value " + v + " of '" + column.name()
                                        + "' on record of type '" + table.logicalName() + "' is outside the valid range.");
                    }
                    yield v;
                }
                case BIGINT -> {
                    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                        throw typeError(table, column, node);
                    }
                    yield node.longValue();
                }
                case DECIMAL, MONEY -> {
                    if (node.isNumber()) {
                        yield node.decimalValue();
                    }
                    if (node.isTextual()) {
                        yield new BigDecimal(node.textValue());
                    }
                    throw typeError(table, column, node);
                }
                case DOUBLE -> {
                    if (!node.isNumber()) {
                        throw typeError(table, column, node);
                    }
                    yield node.doubleValue();
                }
                case BOOLEAN -> {
                    if (!node.isBoolean()) {
                        throw typeError(table, column, node);
                    }
                    yield node.booleanValue();
                }
                case DATETIME -> {
                    if (!node.isTextual()) {
                        throw typeError(table, column, node);
                    }
                    yield parseDateTime(node.textValue());
                }
                case UNIQUEIDENTIFIER -> {
                    if (!node.isTextual()) {
                        throw typeError(table, column, node);
                    }
                    yield UUID.fromString(node.textValue());
                }
                case LOOKUP, CUSTOMER, OWNER -> throw new IllegalStateException("lookups are bound, not converted");
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw typeError(table, column, node);
        } catch (IllegalArgumentException e) {
            throw typeError(table, column, node);
        }
    }

    private static ApiException typeError(TableDef table, ColumnDef column, JsonNode node) {
        return ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                "Error identified in Payload provided by the user for Entity :'" + table.entitySetName()
                        + "', For more information on this error please follow this help link "
                        + "https://go.microsoft.com/fwlink/?linkid=2195293  ----> InnerException : "
                        + "Microsoft.OData.ODataException: Cannot convert the literal '" + abbreviate(node.asText())
                        + "' to the expected type '" + column.type().edmType() + "' for property '"
                        + column.wireName() + "'.");
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** Parses an ISO date-time ({@code 2024-01-31T10:00:00Z}, with offset, or a bare date) to an Instant. */
    public static Instant parseDateTime(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(text).toInstant();
    }

    /**
     * Typed value of a URL key literal ({@code 'text'} with doubled quotes, a number, a bare GUID) for a
     * column; null when the literal does not fit the column's type.
     */
    public static Object fromLiteral(ColumnDef column, String literal) {
        String lit = literal.trim();
        try {
            if (lit.startsWith("'") && lit.endsWith("'") && lit.length() >= 2) {
                String s = lit.substring(1, lit.length() - 1).replace("''", "'");
                return switch (column.type()) {
                    case STRING, MEMO -> s;
                    case DATETIME -> parseDateTime(s);
                    default -> null;
                };
            }
            return switch (column.type()) {
                case INTEGER, PICKLIST, STATE, STATUS -> Integer.parseInt(lit);
                case BIGINT -> Long.parseLong(lit);
                case DECIMAL, MONEY -> new BigDecimal(lit);
                case DOUBLE -> Double.parseDouble(lit);
                case BOOLEAN -> lit.equals("true") ? Boolean.TRUE : lit.equals("false") ? Boolean.FALSE : null;
                case UNIQUEIDENTIFIER, LOOKUP, CUSTOMER, OWNER -> UUID.fromString(lit);
                case DATETIME -> parseDateTime(lit);
                default -> null;
            };
        } catch (RuntimeException e) {
            // a literal that does not fit the column's type: the caller answers Dataverse's type error
            return null;
        }
    }

    /** Writes a stored value as JSON: money with 4 decimals, dates as UTC seconds, lookups as the GUID. */
    public static void writeJson(JsonGenerator g, ColumnDef column, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
            return;
        }
        switch (column.type()) {
            case MONEY -> g.writeNumber(((BigDecimal) v).setScale(4, RoundingMode.HALF_EVEN));
            case DECIMAL -> g.writeNumber((BigDecimal) v);
            case DOUBLE -> g.writeNumber((Double) v);
            case INTEGER, PICKLIST, STATE, STATUS -> g.writeNumber((Integer) v);
            case BIGINT -> g.writeNumber((Long) v);
            case BOOLEAN -> g.writeBoolean((Boolean) v);
            case DATETIME -> g.writeString(formatDateTime((Instant) v));
            case LOOKUP, CUSTOMER, OWNER -> g.writeString(((LookupValue) v).id().toString());
            case UNIQUEIDENTIFIER -> g.writeString(v.toString());
            default -> g.writeString((String) v);
        }
    }

    /** {@code 2016-09-28T22:57:53Z}: UTC, whole seconds, as Dataverse writes date-times. */
    public static String formatDateTime(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * The {@code OData.Community.Display.V1.FormattedValue} of a non-lookup value (lookups format as the
     * target's primary name, which needs the store): option labels, {@code $1,234.00}, {@code 1,234},
     * {@code 4/7/2023 2:59 PM} (UTC), or null when none applies.
     */
    public static String formatted(ColumnDef column, Object v) {
        if (v == null) {
            return null;
        }
        return switch (column.type()) {
            case PICKLIST, STATE, STATUS -> column.label((Integer) v);
            case BOOLEAN -> column.label(((Boolean) v) ? 1 : 0);
            case MONEY -> "$" + money().format(v);
            case INTEGER, BIGINT -> grouped().format(v);
            case DECIMAL, DOUBLE -> decimal().format(v);
            case DATETIME -> FORMATTED_DATE.format((Instant) v);
            default -> null;
        };
    }

    private static DecimalFormat money() {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
    }

    private static DecimalFormat grouped() {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.US));
    }

    private static DecimalFormat decimal() {
        return new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.US));
    }
}
