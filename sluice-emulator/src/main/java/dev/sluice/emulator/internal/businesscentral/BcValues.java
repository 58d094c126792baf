package dev.sluice.emulator.internal.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.internal.http.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Property values as Business Central writes them in JSON (GUIDs and dates as strings, decimals as numbers, a never
 * set date as {@code 0001-01-01}, a never set GUID as all zeros) and the check of a value a client sends.
 * Stateless.
 */
final class BcValues {
    static final String EMPTY_GUID = "00000000-0000-0000-0000-000000000000";
    static final String EMPTY_DATE = "0001-01-01";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BcValues() {}

    /** A row of a set with every property at Business Central's blank value. */
    static ObjectNode empty(BcEntitySet set) {
        ObjectNode o = Json.object();
        for (BcField f : set.fields()) {
            switch (f.type()) {
                case STRING -> o.put(f.name(), "");
                case GUID -> o.put(f.name(), EMPTY_GUID);
                case DECIMAL -> o.put(f.name(), BigDecimal.ZERO);
                case BOOLEAN -> o.put(f.name(), false);
                case INTEGER -> o.put(f.name(), 0);
                case DATE -> o.put(f.name(), EMPTY_DATE);
                case DATETIME -> o.put(f.name(), "0001-01-01T00:00:00Z");
                case ENUM -> o.put(f.name(), f.members().get(0));
            }
        }
        return o;
    }

    /** {@code 2024-05-01T08:00:00.123Z}: UTC with milliseconds, as the service writes lastModifiedDateTime. */
    static String dateTime(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * The value to store for a property a client sent; a {@code BadRequest} that names the property and the type
     * when it does not convert, and for enums Business Central's "is not an option" message.
     */
    static JsonNode accept(BcEntitySet set, BcField f, JsonNode v) {
        if (v == null || v.isNull()) {
            throw BcErrors.badRequest("BadRequest", "Cannot convert a null value to the type '" + edm(f)
                    + "' of property '" + f.name() + "'.");
        }
        switch (f.type()) {
            case STRING -> {
                if (!v.isTextual()) {
                    throw convert(f, v);
                }
                return v;
            }
            case GUID -> {
                try {
                    return NODES.textNode(UUID.fromString(v.asText()).toString());
                } catch (IllegalArgumentException e) {
                    throw BcErrors.badRequest("Application_InvalidGUID", "The value '" + v.asText()
                            + "' is not a valid GUID for property '" + f.name() + "'.");
                }
            }
            case DECIMAL -> {
                if (v.isNumber()) {
                    return NODES.numberNode(v.decimalValue());
                }
                throw convert(f, v);
            }
            case INTEGER -> {
                if (v.isIntegralNumber()) {
                    return v;
                }
                throw convert(f, v);
            }
            case BOOLEAN -> {
                if (v.isBoolean()) {
                    return v;
                }
                throw convert(f, v);
            }
            case DATE -> {
                try {
                    return NODES.textNode(LocalDate.parse(v.asText()).toString());
                } catch (DateTimeParseException e) {
                    throw BcErrors.badRequest("BadRequest", "Unable to convert value to Date");
                }
            }
            case DATETIME -> {
                try {
                    return NODES.textNode(dateTime(OffsetDateTime.parse(v.asText()).toInstant()));
                } catch (DateTimeParseException e) {
                    throw convert(f, v);
                }
            }
            case ENUM -> {
                if (v.isTextual() && f.members().contains(v.asText())) {
                    return v;
                }
                // Microsoft's transactional $batch page shows this answer for an unknown option
                throw BcErrors.badRequest("Unknown", "'" + v.asText() + "' is not an option. The existing options "
                        + "are: " + String.join(",", f.members()));
            }
            default -> throw new IllegalStateException(f.type().toString());
        }
    }

    private static RuntimeException convert(BcField f, JsonNode v) {
        return BcErrors.badRequest("BadRequest", "Cannot convert the literal '" + v + "' to the expected type '"
                + edm(f) + "' of property '" + f.name() + "'.");
    }

    static String edm(BcField f) {
        return switch (f.type()) {
            case STRING -> "Edm.String";
            case GUID -> "Edm.Guid";
            case DECIMAL -> "Edm.Decimal";
            case BOOLEAN -> "Edm.Boolean";
            case INTEGER -> "Edm.Int32";
            case DATE -> "Edm.Date";
            case DATETIME -> "Edm.DateTimeOffset";
            case ENUM -> "Microsoft.NAV." + f.name();
        };
    }
}
