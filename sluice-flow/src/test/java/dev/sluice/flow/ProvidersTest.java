package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.SearchRequest;
import dev.sluice.core.TableSchema;
import dev.sluice.core.Where;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import dev.sluice.store.SluiceStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each provider as a source and as a target: H2, PostgreSQL, CSV and JSON Lines. */
class ProvidersTest {
    static EmbeddedPostgres postgres;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    static Stream<String> databases() throws SQLException {
        String pg = postgres.getJdbcUrl("postgres", "postgres");
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS items");
        }
        return Stream.of(Fixture.h2(), pg);
    }

    private static void ddl(String url) throws SQLException {
        String user = url.startsWith("jdbc:h2") ? "sa" : "postgres";
        try (Connection c = java.sql.DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, code VARCHAR(20) NOT NULL, price DECIMAL(10,2), "
                    + "at TIMESTAMP, CONSTRAINT items_code_uq UNIQUE (code))");
        }
    }

    private static Map<String, Object> item(int id, String code, String price) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("code", code);
        m.put("price", price == null ? null : new BigDecimal(price));
        return m;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void jdbcDescribesKeysUpsertsWithOutcomesAndSearchesWithBoundValues(String url) throws SQLException {
        ddl(url);
        try (JdbcRecordProvider p = new JdbcRecordProvider(url, url.startsWith("jdbc:h2") ? "sa" : "postgres", null)) {
            TableSchema t = p.describe("items");
            assertThat(t.primaryKey()).containsExactly("id");
            assertThat(t.uniqueKeys()).containsExactly(List.of("code"));
            assertThat(t.column("code").orElseThrow().required()).isTrue();

            List<WriteOutcome> first = p.write("items", WriteMode.UPSERT, List.of("id"),
                    List.of(item(1, "A", "1.50"), item(2, "B", "2.00")));
            assertThat(first).extracting(WriteOutcome::status).containsOnly(WriteOutcome.Status.CREATED);
            List<WriteOutcome> second = p.write("items", WriteMode.UPSERT, List.of("id"),
                    List.of(item(2, "B", "2.50"), item(3, "A", "9.99"), item(4, "D", null)));
            assertThat(second).extracting(WriteOutcome::status).containsExactly(WriteOutcome.Status.UPDATED,
                    WriteOutcome.Status.FAILED, WriteOutcome.Status.CREATED);
            assertThat(second.get(1).errorKind()).isEqualTo(dev.sluice.core.ErrorKind.CONFLICT);

            List<Map<String, Object>> rows = p.search(new SearchRequest("items", List.of("id", "price"),
                    Where.or(Where.eq("code", "B' OR '1'='1"), new Where.Compare("price", Where.Op.GE, "2")),
                    List.of("-id"), null)).toList();
            assertThat(rows).containsExactly(Map.of("id", 2, "price", new BigDecimal("2.50")));

            assertThat(p.write("items", WriteMode.DELETE, List.of("code"), List.of(Map.of("code", "D"))))
                    .extracting(WriteOutcome::status).containsExactly(WriteOutcome.Status.DELETED);
            assertThat(p.search(SearchRequest.all("items")).count()).isEqualTo(2);
        }
    }

    @Test
    void postgresUpsertsGoThroughCopyWithAnOutcomePerRecordAndExactTimesInAnyTimeZone() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS pg_copy");
            s.execute("CREATE TABLE pg_copy (id INTEGER PRIMARY KEY, name VARCHAR(10), at TIMESTAMP WITH TIME ZONE, "
                    + "local TIMESTAMP, amount NUMERIC(10,2), flag BOOLEAN, ref UUID)");
        }
        java.util.TimeZone zone = java.util.TimeZone.getDefault();
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Asia/Tokyo")); // the driver's session zone
        try (JdbcRecordProvider p = new JdbcRecordProvider(postgres.getJdbcUrl("postgres", "postgres"), null, null)) {
            java.time.Instant at = java.time.Instant.parse("2024-05-01T10:00:00.123456Z");
            List<WriteOutcome> first = p.write("pg_copy", WriteMode.UPSERT, List.of("id"), List.of(
                    row(1, "one \"q\", x", at), row(2, "two", at), row(3, null, null)));
            assertThat(first).extracting(WriteOutcome::status).containsOnly(WriteOutcome.Status.CREATED);
            List<WriteOutcome> second = p.write("pg_copy", WriteMode.UPSERT, List.of("id"), List.of(
                    row(2, "two b", at), row(3, "three", at), row(4, "four", at)));
            assertThat(second).extracting(WriteOutcome::status).containsExactly(WriteOutcome.Status.UPDATED,
                    WriteOutcome.Status.UPDATED, WriteOutcome.Status.CREATED);
            List<WriteOutcome> third = p.write("pg_copy", WriteMode.UPSERT, List.of("id"), List.of(
                    row(5, "far too long for ten", at), row(6, "six", at), row(7, "seven a", at), row(7, "seven b", at)));
            assertThat(third).extracting(WriteOutcome::status).containsExactly(WriteOutcome.Status.FAILED,
                    WriteOutcome.Status.CREATED, WriteOutcome.Status.CREATED, WriteOutcome.Status.UPDATED);
            assertThat(third.get(0).message()).contains("record 0").contains("too long");
        } finally {
            java.util.TimeZone.setDefault(zone);
        }
        List<String> rows = new java.util.ArrayList<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT id, name, to_char(at AT TIME ZONE 'UTC', "
                        + "'YYYY-MM-DD HH24:MI:SS.US'), to_char(local, 'YYYY-MM-DD HH24:MI:SS.US'), amount, flag, ref "
                        + "FROM pg_copy ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
                        + rs.getString(5) + "|" + rs.getString(6) + "|" + rs.getString(7));
            }
        }
        String t = "2024-05-01 10:00:00.123456";
        String u = "|12.50|t|6f0f2a1e-1111-4c3b-9a7e-2c5d0d8e1a01";
        assertThat(rows).containsExactly("1|one \"q\", x|" + t + "|" + t + u, "2|two b|" + t + "|" + t + u,
                "3|three|" + t + "|" + t + u, "4|four|" + t + "|" + t + u, "6|six|" + t + "|" + t + u,
                "7|seven b|" + t + "|" + t + u);
    }

    private static Map<String, Object> row(int id, String name, java.time.Instant at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("at", at);
        m.put("local", at);
        m.put("amount", at == null ? null : new BigDecimal("12.5"));
        m.put("flag", at == null ? null : Boolean.TRUE);
        m.put("ref", at == null ? null : java.util.UUID.fromString("6f0f2a1e-1111-4c3b-9a7e-2c5d0d8e1a01"));
        return m;
    }

    @Test
    void jdbcSourceToJsonLinesTargetToCsvTargetThroughFlows() throws Exception {
        String url = Fixture.h2();
        ddl(url);
        Fixture.sql(url, "INSERT INTO items VALUES (1, 'A', 1.50, TIMESTAMP '2024-05-01 10:00:00')",
                "INSERT INTO items VALUES (2, 'B, \"quoted\"', NULL, NULL)");
        ConnectionResolver r = ConnectionResolver.of(Map.of("db", new JdbcRecordProvider(url, "sa", null),
                "files", new FileRecordProvider(dir)));
        try (SluiceStore store = Fixture.store(dir.resolve("home"))) {
            String toJson = """
                    flow: to-json
                    source: { connection: db, table: items }
                    map: { id: id, code: code, price: price, at: at }
                    target: { connection: files, table: items.jsonl, write: upsert, key: [id] }
                    """;
            try (CheckedFlow f = new FlowValidator(r, Map.of()).check(FlowParser.parse("j.yaml", toJson))) {
                new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
                new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            }
            assertThat(Fixture.read(dir.resolve("items.jsonl"))).isEqualTo(
                    "{\"id\":1,\"code\":\"A\",\"price\":1.50,\"at\":\"2024-05-01T10:00:00Z\"}\n"
                    + "{\"id\":2,\"code\":\"B, \\\"quoted\\\"\",\"price\":null,\"at\":null}\n");
            String toCsv = """
                    flow: to-csv
                    source: { connection: files, table: items.jsonl }
                    map: { code: code, price: "price == null ? dyn(0) : price * 2.0" }
                    target: { connection: files, table: items.csv, write: upsert, key: [code] }
                    """;
            try (CheckedFlow f = new FlowValidator(r, Map.of()).check(FlowParser.parse("c.yaml", toCsv))) {
                new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            }
            assertThat(Fixture.read(dir.resolve("items.csv")))
                    .isEqualTo("code,price\r\nA,3\r\n\"B, \"\"quoted\"\"\",0\r\n"); // 1.50 × 2.0, a decimal
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
        }
    }

    @Test
    void csvReaderFollowsRfc4180() throws IOException {
        Files.writeString(dir.resolve("r.csv"), "\uFEFFa,b,c\r\n\"x, y\",\"line\nbreak\",\"say \"\"hi\"\"\"\r\n,,\r\n");
        try (FileRecordProvider p = new FileRecordProvider(dir)) {
            List<Map<String, Object>> rows = p.search(SearchRequest.all("r.csv")).toList();
            assertThat(rows.get(0)).containsExactly(Map.entry("a", "x, y"), Map.entry("b", "line\nbreak"),
                    Map.entry("c", "say \"hi\""));
            assertThat(rows.get(1)).containsEntry("a", null);
        }
    }
}
