package dev.sluice.bench.macro;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** An embedded PostgreSQL for the flow figures: its JDBC URL, SQL, and its processes' CPU time. Not thread-safe. */
final class Postgres implements AutoCloseable {
    private final EmbeddedPostgres pg;
    private final Path data;

    Postgres(Path dir) throws IOException {
        this.data = dir.resolve("pg");
        this.pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
    }

    String url() {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
    }

    void sql(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), "postgres", ""); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), "postgres", ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** CPU seconds of the server and its backends so far (NaN when /proc cannot say). */
    double cpuSeconds() {
        try {
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
            return Cpu.tree(pid);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
