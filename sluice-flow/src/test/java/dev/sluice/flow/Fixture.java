package dev.sluice.flow;

import dev.sluice.store.SluiceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Test helpers: an engine store in a directory, H2 databases, SQL, and flow files. */
final class Fixture {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private Fixture() {}

    static SluiceStore store(Path home) {
        return SluiceStore.builder().home(home).environment(Map.of()).build();
    }

    /** A new in-memory H2 database kept open for the JVM's life. */
    static String h2() {
        return "jdbc:h2:mem:flow" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }

    static void sql(String url, String... statements) {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs statements as this user (H2 creates the user with this password on a new database). */
    static void sqlAs(String url, String user, String password, String... statements) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of a query as "a|b|c" strings. */
    static List<String> rows(String url, String query) {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            return rows(c, query);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of a query on {@code c} as "a|b|c" strings. */
    static List<String> rows(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            List<String> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
            return out;
        }
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
