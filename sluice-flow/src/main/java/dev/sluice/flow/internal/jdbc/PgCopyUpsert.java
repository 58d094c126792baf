package dev.sluice.flow.internal.jdbc;

import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.core.WriteOutcome;
import dev.sluice.flow.internal.ValueConverter;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's fast upsert of a chunk, one transaction however many records. While the table's keys keep being new
 * (a first load), the chunk goes by {@code COPY … FROM STDIN (FORMAT csv)} straight into the table: every record is
 * created. Once a chunk meets a key that exists (the COPY fails on it and is rolled back to a savepoint), chunks go
 * by COPY into a temporary staging table of the written columns (created once per connection, emptied on commit)
 * and one {@code INSERT … SELECT … ON CONFLICT (key) DO UPDATE … RETURNING key, (xmax = 0)} moves them into the table
 * and says which rows were created; every {@value #RETRY_DIRECT}th chunk tries the straight COPY again. A chunk this
 * path cannot take (a key twice, a value that is not text-representable) or that the database refuses is answered
 * with null, and the caller writes it record by record so each bad record gets its own outcome. Not thread-safe
 * (one per connection).
 */
public final class PgCopyUpsert {
    private static final Logger LOG = LoggerFactory.getLogger(PgCopyUpsert.class);
    /** After keys were found to exist, the straight COPY is tried again every this many chunks. */
    static final int RETRY_DIRECT = 16;
    /** PostgreSQL's SQLSTATE for a unique violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    /** What one connection remembers between chunks: its staging tables, and chunks since a key existed. */
    public static final class State {
        private final Set<String> staged = new HashSet<>();
        private final Map<String, Integer> sinceConflict = new HashMap<>();

        /** Forgets everything (a new connection has no temporary tables). */
        public void clear() {
            staged.clear();
            sinceConflict.clear();
        }
    }

    private final Connection c;
    private final SqlTable t;
    private final List<String> key;
    private final State state;

    /** {@code state}: kept by the caller per connection. */
    public PgCopyUpsert(Connection c, SqlTable t, List<String> key, State state) {
        this.c = c;
        this.t = t;
        this.key = List.copyOf(key);
        this.state = state;
    }

    /** The outcome of every record, or null when the caller should write the chunk another way. */
    public WriteOutcome[] write(List<Map<String, Object>> records) throws SQLException {
        WriteOutcome[] out = new WriteOutcome[records.size()];
        Set<String> all = new LinkedHashSet<>(key);
        records.forEach(r -> all.addAll(r.keySet()));
        List<String> columns = List.copyOf(all);
        columns.forEach(t::quoted);
        ColumnSchema[] schemas = new ColumnSchema[columns.size()];
        int[] types = new int[columns.size()];
        boolean[] isKey = new boolean[columns.size()];
        for (int j = 0; j < schemas.length; j++) {
            schemas[j] = t.column(columns.get(j));
            types[j] = t.sqlTypes().get(columns.get(j));
            isKey[j] = key.contains(columns.get(j));
        }
        StringBuilder csv = new StringBuilder(records.size() * 96);
        List<Integer> sent = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> r = records.get(i);
            int mark = csv.length();
            try {
                for (int j = 0; j < schemas.length; j++) {
                    String col = columns.get(j);
                    Object v = ValueConverter.convert(r.get(col), schemas[j]);
                    if (isKey[j] && v == null) {
                        throw new SluiceException(ErrorKind.INVALID_INPUT, "key column '" + col + "' has no value");
                    }
                    if (j > 0) {
                        csv.append(',');
                    }
                    if (!append(csv, v, types[j])) {
                        return null;
                    }
                }
                csv.append('\n');
                sent.add(i);
            } catch (SluiceException e) {
                csv.setLength(mark);
                out[i] = WriteOutcome.failed(i, e.kind(), "record " + i + ": " + e.getMessage());
            }
        }
        if (sent.isEmpty()) {
            return out;
        }
        String cols = String.join(", ", columns.stream().map(t::quoted).toList());
        String data = csv.toString();
        String table = t.stored();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            int since = state.sinceConflict.getOrDefault(table, -1);
            if (since < 0 || since >= RETRY_DIRECT) {
                Savepoint sp = c.setSavepoint();
                try {
                    copy(t.quotedTable(), cols, data);
                    c.commit();
                    state.sinceConflict.remove(table);
                    for (int i : sent) {
                        out[i] = WriteOutcome.ok(i, WriteOutcome.Status.CREATED, null);
                    }
                    return out;
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                    c.rollback(sp);
                    state.sinceConflict.put(table, 0);
                }
            } else {
                state.sinceConflict.put(table, since + 1);
            }
            Map<List<Object>, Integer> byKey = new HashMap<>();
            for (int i : sent) {
                if (byKey.put(keyOf(records.get(i)), i) != null) {
                    c.rollback();
                    return null; // the same key twice: INSERT … ON CONFLICT cannot touch a row twice
                }
            }
            String stage = stage(columns);
            copy(SqlTable.quote(stage), cols, data);
            List<String> rest = columns.stream().filter(x -> !key.contains(x)).toList();
            String keys = String.join(", ", key.stream().map(t::quoted).toList());
            String sql = "INSERT INTO " + t.quotedTable() + " (" + cols + ") SELECT " + cols + " FROM "
                    + SqlTable.quote(stage) + " ON CONFLICT (" + keys + ") DO " + (rest.isEmpty() ? "NOTHING"
                    : "UPDATE SET " + String.join(", ", rest.stream().map(x -> t.quoted(x) + " = EXCLUDED."
                    + t.quoted(x)).toList())) + " RETURNING " + keys + ", (xmax = 0) AS sluice_inserted";
            Set<Integer> touched = new HashSet<>();
            try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    List<Object> k = new ArrayList<>(key.size());
                    for (int j = 0; j < key.size(); j++) {
                        Object v = ValueConverter.convert(SqlValues.read(rs, j + 1), t.column(key.get(j)));
                        k.add(v instanceof BigDecimal d ? d.stripTrailingZeros() : v);
                    }
                    Integer i = byKey.get(k);
                    if (i != null) {
                        touched.add(i);
                        out[i] = WriteOutcome.ok(i, rs.getBoolean(key.size() + 1) ? WriteOutcome.Status.CREATED
                                : WriteOutcome.Status.UPDATED, null);
                    }
                }
            }
            c.commit();
            for (int i : byKey.values()) {
                if (!touched.contains(i)) {
                    // not returned: DO NOTHING on an existing row, or a key the database normalised differently
                    out[i] = WriteOutcome.ok(i, rest.isEmpty() ? WriteOutcome.Status.UNCHANGED
                            : WriteOutcome.Status.UPDATED, null);
                }
            }
            return out;
        } catch (SQLException | SluiceException | java.io.IOException e) {
            // COPY path failed: roll back and let the caller write row by row, which reports each record's own error
            LOG.debug("COPY upsert failed; falling back to row by row", e);
            c.rollback();
            return null;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private List<Object> keyOf(Map<String, Object> r) {
        List<Object> k = new ArrayList<>(key.size());
        for (String col : key) {
            Object v = ValueConverter.convert(r.get(col), t.column(col));
            k.add(v instanceof BigDecimal d ? d.stripTrailingZeros() : v);
        }
        return k;
    }

    private void copy(String table, String cols, String data) throws SQLException, java.io.IOException {
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + cols + ") FROM STDIN (FORMAT csv)",
                new StringReader(data));
    }

    /** The staging table for these columns, created on first use on this connection. */
    private String stage(List<String> columns) throws SQLException {
        String name = "sluice_stage_" + UUID.nameUUIDFromBytes((t.stored() + "|" + String.join("|", columns))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString().replace("-", "").substring(0, 16);
        if (state.staged.add(name)) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TEMP TABLE IF NOT EXISTS " + SqlTable.quote(name) + " ON COMMIT DELETE ROWS AS "
                        + "SELECT " + String.join(", ", columns.stream().map(t::quoted).toList()) + " FROM "
                        + t.quotedTable() + " WITH NO DATA");
            } catch (SQLException e) {
                state.staged.remove(name);
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
        return name;
    }

    /** {@code 2024-05-01T10:00:00.123456Z} without a formatter (this runs for every timestamp written). */
    static void appendInstant(StringBuilder b, Instant i) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(i.getEpochSecond(), i.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            b.append(i);
            return;
        }
        b.append(t.getYear()).append('-');
        two(b, t.getMonthValue());
        b.append('-');
        two(b, t.getDayOfMonth());
        b.append('T');
        two(b, t.getHour());
        b.append(':');
        two(b, t.getMinute());
        b.append(':');
        two(b, t.getSecond());
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            String f = Integer.toString(micros + 1_000_000);
            b.append('.').append(f, 1, 7);
        }
        b.append('Z');
    }

    private static void two(StringBuilder b, int n) {
        b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    /** Appends a value as a CSV field in PostgreSQL's text form; false when it has none. */
    private static boolean append(StringBuilder csv, Object v, int sqlType) {
        if (v == null) {
            return true; // an unquoted empty field is NULL in COPY's csv format
        }
        String text;
        if (v instanceof Instant i) {
            // with 'Z': a timestamptz column takes the instant, a timestamp column ignores the zone and keeps UTC
            if (sqlType == Types.DATE) {
                text = LocalDate.ofInstant(i, ZoneOffset.UTC).toString();
            } else {
                csv.append('"');
                appendInstant(csv, i);
                csv.append('"');
                return true;
            }
        } else if (v instanceof BigDecimal d) {
            text = d.toPlainString();
        } else if (v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof UUID) {
            text = v.toString();
        } else {
            return false;
        }
        if (text.indexOf('\u0000') >= 0) {
            return false;
        }
        csv.append('"');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                csv.append('"');
            }
            csv.append(ch);
        }
        csv.append('"');
        return true;
    }
}
