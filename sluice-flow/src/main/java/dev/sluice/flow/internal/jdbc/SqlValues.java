package dev.sluice.flow.internal.jdbc;

import dev.sluice.flow.internal.ValueConverter;
import java.math.BigDecimal;
import java.sql.Clob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Binds record values to statements and reads them from result sets, by column kind and SQL type. Stateless. */
public final class SqlValues {
    private SqlValues() {}

    /** Binds {@code v} (converted to the column's kind) as parameter {@code i}. */
    public static void bind(PreparedStatement st, int i, Object v, SqlTable t, String column) throws SQLException {
        int type = t.sqlTypes().get(column);
        Object value = ValueConverter.convert(v, t.column(column));
        if (value == null) {
            st.setNull(i, type);
        } else if (value instanceof Instant instant) {
            if (type == Types.TIMESTAMP_WITH_TIMEZONE) {
                st.setObject(i, instant.atOffset(ZoneOffset.UTC));
            } else if (type == Types.DATE) {
                st.setObject(i, LocalDate.ofInstant(instant, ZoneOffset.UTC));
            } else {
                st.setObject(i, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
            }
        } else {
            st.setObject(i, value);
        }
    }

    /** Whether result column {@code i} holds instants (PostgreSQL's {@code timestamptz}). */
    public static boolean withZone(java.sql.ResultSetMetaData md, int i) throws SQLException {
        return "timestamptz".equalsIgnoreCase(md.getColumnTypeName(i));
    }

    /** Binds a condition value as the column's kind. */
    public static void bindLiteral(PreparedStatement st, int i, Object v, SqlTable t, String column) throws SQLException {
        bind(st, i, v, t, column);
    }

    /** Reads column {@code i} as a record value (Instant for times, UUID, BigDecimal, Long/Integer, …). */
    public static Object read(ResultSet rs, int i) throws SQLException {
        return read(rs, i, false);
    }

    /**
     * As above; {@code withZone} for a column that holds instants (PostgreSQL's {@code timestamptz}), which is read
     * as an offset date-time so the session's time zone cannot shift it.
     */
    public static Object read(ResultSet rs, int i, boolean withZone) throws SQLException {
        if (withZone) {
            OffsetDateTime o = rs.getObject(i, OffsetDateTime.class);
            return o == null ? null : o.toInstant();
        }
        Object v = rs.getObject(i);
        if (v == null) {
            return null;
        }
        if (v instanceof Timestamp ts) {
            return ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (v instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (v instanceof LocalDate d) {
            return d.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (v instanceof Clob c) {
            return c.getSubString(1, (int) c.length());
        }
        if (v instanceof Short s) {
            return s.intValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigDecimal || v instanceof UUID || v instanceof Number || v instanceof String
                || v instanceof Boolean) {
            return v;
        }
        return v.toString();
    }
}
