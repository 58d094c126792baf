package dev.sluice.flow.internal.jdbc;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A SQL table as JDBC metadata describes it: columns, kinds, SQL types, primary key and unique indexes. Names are
 * shown in lower case when the database stored them in its default case (H2 upper-cases unquoted names), and
 * quoted with the stored spelling in SQL. Immutable.
 *
 * @param schema the portable schema
 * @param stored the stored (quotable) table name
 * @param storedColumns stored column name by shown name
 * @param sqlTypes {@link Types} code by shown column name
 */
public record SqlTable(TableSchema schema, String stored, Map<String, String> storedColumns, Map<String, Integer> sqlTypes) {
    public SqlTable {
        storedColumns = Map.copyOf(storedColumns);
        sqlTypes = Map.copyOf(sqlTypes);
    }

    /** Reads a table's metadata; NOT_FOUND when there is no such table. */
    public static SqlTable load(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String stored = null;
        String schemaName = null;
        try (ResultSet rs = md.getTables(c.getCatalog(), null, "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                String schem = rs.getString("TABLE_SCHEM");
                if (name.equalsIgnoreCase(table) && !"INFORMATION_SCHEMA".equalsIgnoreCase(schem)
                        && !"pg_catalog".equals(schem) && (stored == null || name.equals(table))) {
                    stored = name;
                    schemaName = schem;
                }
            }
        }
        if (stored == null) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "no table '" + table + "' in the database");
        }
        Map<String, String> columns = new LinkedHashMap<>();
        Map<String, Integer> types = new LinkedHashMap<>();
        List<ColumnSchema> schema = new ArrayList<>();
        try (ResultSet rs = md.getColumns(c.getCatalog(), schemaName, stored, "%")) {
            while (rs.next()) {
                String name = rs.getString("COLUMN_NAME");
                String shown = shown(name);
                int type = rs.getInt("DATA_TYPE");
                String typeName = rs.getString("TYPE_NAME");
                if ("timestamptz".equalsIgnoreCase(typeName)) {
                    type = Types.TIMESTAMP_WITH_TIMEZONE; // PostgreSQL's driver says TIMESTAMP; the zone matters
                }
                boolean notNull = rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls;
                boolean defaulted = rs.getString("COLUMN_DEF") != null || "YES".equals(rs.getString("IS_AUTOINCREMENT"));
                columns.put(shown, name);
                types.put(shown, type);
                schema.add(new ColumnSchema(shown, kind(type, typeName), notNull && !defaulted, true, Map.of(), List.of()));
            }
        }
        Map<Integer, String> pk = new TreeMap<>();
        try (ResultSet rs = md.getPrimaryKeys(c.getCatalog(), schemaName, stored)) {
            while (rs.next()) {
                pk.put(rs.getInt("KEY_SEQ"), shown(rs.getString("COLUMN_NAME")));
            }
        }
        Map<String, Map<Integer, String>> indexes = new LinkedHashMap<>();
        try (ResultSet rs = md.getIndexInfo(c.getCatalog(), schemaName, stored, true, false)) {
            while (rs.next()) {
                String col = rs.getString("COLUMN_NAME");
                if (col != null && !rs.getBoolean("NON_UNIQUE")) {
                    indexes.computeIfAbsent(rs.getString("INDEX_NAME"), k -> new TreeMap<>())
                            .put((int) rs.getShort("ORDINAL_POSITION"), shown(col));
                }
            }
        }
        List<String> primary = List.copyOf(pk.values());
        List<List<String>> unique = indexes.values().stream().map(m -> List.copyOf(m.values()))
                .filter(k -> !(k.size() == primary.size() && k.containsAll(primary))).distinct().toList();
        return new SqlTable(new TableSchema(shown(stored), schema, primary, unique), stored, columns, types);
    }

    private static String shown(String stored) {
        return stored.equals(stored.toUpperCase(Locale.ROOT)) ? stored.toLowerCase(Locale.ROOT) : stored;
    }

    static ColumnKind kind(int type, String typeName) {
        return switch (type) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB -> ColumnKind.STRING;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> ColumnKind.INTEGER;
            case Types.DECIMAL, Types.NUMERIC -> ColumnKind.DECIMAL;
            case Types.FLOAT, Types.REAL, Types.DOUBLE -> ColumnKind.DOUBLE;
            case Types.BOOLEAN, Types.BIT -> ColumnKind.BOOLEAN;
            case Types.DATE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> ColumnKind.DATETIME;
            default -> "uuid".equalsIgnoreCase(typeName) ? ColumnKind.GUID : ColumnKind.OTHER;
        };
    }

    /** The stored name of a shown column, quoted for SQL; INVALID_INPUT for an unknown column. */
    public String quoted(String column) {
        String s = storedColumns.get(column);
        if (s == null) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "table '" + schema.name() + "' has no column '" + column
                    + "'");
        }
        return quote(s);
    }

    /** The table's stored name, quoted. */
    public String quotedTable() {
        return quote(stored);
    }

    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    public ColumnSchema column(String name) {
        return schema.column(name).orElseThrow(() -> new SluiceException(ErrorKind.INVALID_INPUT, "table '"
                + schema.name() + "' has no column '" + name + "'"));
    }
}
