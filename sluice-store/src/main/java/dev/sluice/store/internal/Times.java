package dev.sluice.store.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants to and from {@code TIMESTAMP WITH TIME ZONE} columns, at the microsecond precision both H2 and
 * PostgreSQL keep. Stateless, thread-safe.
 */
public final class Times {
    private Times() {}

    /** The instant truncated to what the database keeps (PostgreSQL: microseconds). */
    public static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** A bind value for the instant, or null. */
    public static OffsetDateTime bind(Instant instant) {
        return instant == null ? null : stored(instant).atOffset(ZoneOffset.UTC);
    }

    /** Reads a nullable instant column. */
    public static Instant read(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
