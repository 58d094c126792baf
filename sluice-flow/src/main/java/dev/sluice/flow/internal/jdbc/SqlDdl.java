package dev.sluice.flow.internal.jdbc;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code CREATE TABLE} for a new flow target: names checked, SQL types from the portable column kinds (each kind reads
 * back as itself through {@link SqlTable}), a primary key. PostgreSQL keeps the lower-case names as given; H2 stores
 * them upper-case, as it does unquoted names. Stateless.
 */
public final class SqlDdl {
    /** Lower-case letters, digits and '_', starting with a letter or '_'; 63 = PostgreSQL's NAMEDATALEN - 1. */
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private SqlDdl() {}

    /** Checks a table or column name for a new table; INVALID_INPUT saying what is allowed. */
    public static String checkName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, what + " '" + (name == null ? "" : name)
                    + "' is not valid for a new table: use lower-case letters, digits and '_', starting with a letter "
                    + "or '_', at most 63 characters (e.g. crm_accounts)");
        }
        return name;
    }

    /** The statement creating {@code table} with these columns and primary key. */
    public static String createTable(boolean postgres, String table, List<ColumnSchema> columns, List<String> key) {
        checkName(table, "table name");
        if (columns.isEmpty()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "a new table needs at least one column");
        }
        Set<String> seen = new HashSet<>();
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(name(postgres, table)).append(" (");
        for (ColumnSchema c : columns) {
            checkName(c.name(), "column name");
            if (!seen.add(c.name())) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "column '" + c.name() + "' is listed twice");
            }
            sql.append(name(postgres, c.name())).append(' ').append(type(postgres, c.kind()));
            if (c.required() || key.contains(c.name())) {
                sql.append(" NOT NULL");
            }
            sql.append(", ");
        }
        if (key.isEmpty()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "a new table needs a primary key (the columns that "
                    + "identify a row), so that flows can upsert and update it");
        }
        for (String k : key) {
            if (!seen.contains(k)) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "primary key column '" + k + "' is not a column of "
                        + "the new table");
            }
        }
        sql.append("PRIMARY KEY (").append(String.join(", ", key.stream().map(k -> name(postgres, k)).toList()))
                .append("))");
        return sql.toString();
    }

    private static String name(boolean postgres, String name) {
        return SqlTable.quote(postgres ? name : name.toUpperCase(Locale.ROOT));
    }

    /** The SQL type a kind is stored as. */
    public static String type(boolean postgres, ColumnKind kind) {
        return switch (kind) {
            case INTEGER, CHOICE -> "BIGINT";
            case DECIMAL -> "NUMERIC(38, 10)";
            case DOUBLE -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case DATETIME -> "TIMESTAMP WITH TIME ZONE";
            case GUID, LOOKUP -> "UUID";
            default -> postgres ? "TEXT" : "CHARACTER VARYING";
        };
    }
}
