package dev.sluice.flow;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.RecordProvider;
import dev.sluice.core.SearchRequest;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import dev.sluice.flow.internal.jdbc.SqlTable;
import dev.sluice.flow.internal.jdbc.SqlValues;
import dev.sluice.flow.internal.jdbc.SqlWriter;
import dev.sluice.flow.internal.jdbc.WhereSql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The record provider for SQL tables in PostgreSQL and H2: describes tables through JDBC metadata (primary key and
 * unique indexes included), searches with bound parameters and streams rows, and writes chunks in one transaction
 * each with the database's own upsert ({@code MERGE} on H2, {@code INSERT … ON CONFLICT … DO UPDATE} on
 * PostgreSQL). Writes share one connection and are serialised; each search uses its own. Thread-safe.
 */
public final class JdbcRecordProvider implements RecordProvider {
    /** Rows fetched per round trip while streaming a search. */
    private static final int FETCH_SIZE = 1000;

    private final String url;
    private final Properties props = new Properties();
    private final boolean postgres;
    private final Map<String, SqlTable> tables = new ConcurrentHashMap<>();
    private final dev.sluice.flow.internal.jdbc.PgCopyUpsert.State staged =
            new dev.sluice.flow.internal.jdbc.PgCopyUpsert.State();
    private Connection writer;

    /** A provider over a {@code jdbc:postgresql:} or {@code jdbc:h2:} database; user and password may be null. */
    public JdbcRecordProvider(String url, String user, Secret password) {
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "unsupported JDBC URL; use jdbc:postgresql://HOST/DB or "
                    + "jdbc:h2:file:/path");
        }
        this.url = url;
        this.postgres = url.startsWith("jdbc:postgresql:");
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password.reveal());
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, props);
    }

    @Override
    public List<String> tables() {
        try (Connection c = connect(); ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%",
                new String[] {"TABLE", "BASE TABLE"})) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                String schem = rs.getString("TABLE_SCHEM");
                if (!"INFORMATION_SCHEMA".equalsIgnoreCase(schem) && !"pg_catalog".equals(schem)) {
                    String n = rs.getString("TABLE_NAME");
                    out.add(n.equals(n.toUpperCase(java.util.Locale.ROOT)) ? n.toLowerCase(java.util.Locale.ROOT) : n);
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("list tables", e);
        }
    }

    @Override
    public TableSchema describe(String table) {
        return table(table).schema();
    }

    private SqlTable table(String name) {
        SqlTable t = tables.get(name);
        if (t != null) {
            return t;
        }
        try (Connection c = connect()) {
            t = SqlTable.load(c, name);
            tables.put(name, t);
            return t;
        } catch (SQLException e) {
            throw failure("describe table '" + name + "'", e);
        }
    }

    /** How many rows of the table match {@code where} (null: all), by {@code SELECT count(*)}. */
    public java.util.OptionalLong count(String table, dev.sluice.core.Where where) {
        SqlTable t = table(table);
        List<Object[]> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM ").append(t.quotedTable());
        if (where != null) {
            sql.append(" WHERE ").append(new WhereSql(t, params).translate(where));
        }
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql.toString())) {
            bind(st, params, t);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? java.util.OptionalLong.of(rs.getLong(1)) : java.util.OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw failure("count the rows of table '" + table + "'", e);
        }
    }

    /**
     * The SQL {@code WHERE} condition {@code where} becomes on the table, its values written as literals: for showing
     * people what a flow's filter does (queries bind the values instead).
     */
    public String whereText(String table, dev.sluice.core.Where where) {
        SqlTable t = table(table);
        List<Object[]> params = new ArrayList<>();
        String sql = new WhereSql(t, params).translate(where);
        StringBuilder out = new StringBuilder();
        int p = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '?' && p < params.size()) {
                Object v = params.get(p++)[1];
                out.append(v instanceof Number || v instanceof Boolean ? v.toString()
                        : "'" + String.valueOf(v).replace("'", "''") + "'");
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /**
     * Creates a table for a flow to write: these columns (SQL types from their kinds: text, bigint, numeric, double
     * precision, boolean, timestamp with time zone, uuid) and this primary key. Names are lower-case letters, digits and
     * '_'. CONFLICT when a table of that name exists; nothing is created on bad input.
     */
    public void createTable(String table, List<dev.sluice.core.ColumnSchema> columns, List<String> primaryKey) {
        String ddl = dev.sluice.flow.internal.jdbc.SqlDdl.createTable(postgres, table, columns, primaryKey);
        if (tables().stream().anyMatch(n -> n.equalsIgnoreCase(table))) {
            throw new SluiceException(ErrorKind.CONFLICT, "table '" + table + "' already exists; choose it as the "
                    + "target, or give the new table another name");
        }
        try (Connection c = connect(); java.sql.Statement st = c.createStatement()) {
            st.execute(ddl);
        } catch (SQLException e) {
            throw failure("create table '" + table + "'", e);
        }
        tables.remove(table);
    }

    private static void bind(PreparedStatement st, List<Object[]> params, SqlTable t) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object[] p = params.get(i);
            if (p[0] == null) {
                st.setString(i + 1, (String) p[1]);
            } else {
                SqlValues.bindLiteral(st, i + 1, p[1], t, (String) p[0]);
            }
        }
    }

    @Override
    public Stream<Map<String, Object>> search(SearchRequest request) {
        SqlTable t = table(request.table());
        List<Object[]> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        sql.append(request.select().isEmpty() ? "*" : String.join(", ", request.select().stream().map(t::quoted).toList()));
        sql.append(" FROM ").append(t.quotedTable());
        if (request.where() != null) {
            sql.append(" WHERE ").append(new WhereSql(t, params).translate(request.where()));
        }
        if (!request.orderBy().isEmpty()) {
            sql.append(" ORDER BY ").append(String.join(", ", request.orderBy().stream().map(o -> o.startsWith("-")
                    ? t.quoted(o.substring(1)) + " DESC" : t.quoted(o) + " ASC").toList()));
        }
        if (request.limit() != null) {
            sql.append(" LIMIT ").append(request.limit());
        }
        try {
            Connection c = connect();
            try {
                c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
                PreparedStatement st = c.prepareStatement(sql.toString());
                st.setFetchSize(FETCH_SIZE);
                bind(st, params, t);
                ResultSet rs = st.executeQuery();
                return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows(rs), Spliterator.ORDERED), false)
                        .onClose(() -> {
                            try {
                                c.rollback();
                                c.close();
                            } catch (SQLException ignored) {
                                // closing a read-only connection; nothing to recover
                            }
                        });
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("read table '" + request.table() + "'", e);
        }
    }

    private static Iterator<Map<String, Object>> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        String[] names = new String[md.getColumnCount()];
        boolean[] zoned = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
            String n = md.getColumnLabel(i + 1);
            names[i] = n.equals(n.toUpperCase(java.util.Locale.ROOT)) ? n.toLowerCase(java.util.Locale.ROOT) : n;
            zoned[i] = SqlValues.withZone(md, i + 1);
        }
        return new Iterator<>() {
            private Boolean ahead;

            @Override
            public boolean hasNext() {
                if (ahead == null) {
                    try {
                        ahead = rs.next();
                    } catch (SQLException e) {
                        throw failure("read rows", e);
                    }
                }
                return ahead;
            }

            @Override
            public Map<String, Object> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ahead = null;
                Map<String, Object> row = new LinkedHashMap<>();
                try {
                    for (int i = 0; i < names.length; i++) {
                        row.put(names[i], SqlValues.read(rs, i + 1, zoned[i]));
                    }
                } catch (SQLException e) {
                    throw failure("read rows", e);
                }
                return row;
            }
        };
    }

    @Override
    public synchronized List<WriteOutcome> write(String table, WriteMode mode, List<String> key,
            List<Map<String, Object>> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        SqlTable t = table(table);
        List<String> k = key == null || key.isEmpty() ? t.schema().primaryKey() : key;
        if (mode != WriteMode.CREATE && k.isEmpty()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "table '" + table + "' has no primary key; give the "
                    + "key columns for " + mode.name().toLowerCase());
        }
        try {
            if (writer == null || writer.isClosed()) {
                writer = connect();
                staged.clear(); // temporary tables live with their connection
            }
            return new SqlWriter(writer, postgres, t, mode, mode == WriteMode.CREATE ? List.of() : k, staged)
                    .write(records);
        } catch (SQLException e) {
            throw failure("write to table '" + table + "'", e);
        }
    }

    private static SluiceException failure(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        ErrorKind kind = state.startsWith("08") ? ErrorKind.TRANSIENT : state.startsWith("28") ? ErrorKind.AUTH
                : state.startsWith("42") ? ErrorKind.INVALID_INPUT : ErrorKind.INTERNAL;
        String msg = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
        return new SluiceException(kind, "cannot " + what + ": " + msg, e);
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (SQLException ignored) {
                // the database may already be gone
            }
            writer = null;
        }
    }
}
